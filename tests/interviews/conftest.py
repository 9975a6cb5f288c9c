"""Small interview fixtures, written fresh for these tests (Chinese and English, .txt/.md/.docx)."""

from __future__ import annotations

from pathlib import Path

import pytest

REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "interviews"

ZH_T01 = """高层次人才访谈记录
时间：2024年5月12日  地点：市人才服务中心

访谈者：您来这座城市几年了？对人才服务总体感觉怎么样？
受访者A：三年了。总体还可以，但是住房补贴申请太慢，跑了好几趟，材料太多。
访谈者：有没有让您特别满意的经历？
受访者A：去年我们团队的项目获得了市里的表彰，很有成就感，单位也给了我更多的自主权。
其实领导对我们挺认可的。
访谈者：孩子上学的问题解决了吗？
受访者A：孩子入学还是不知道找哪个部门，几个部门互相推。
"""

ZH_T02 = """访谈者：请谈谈您对人才政策的看法。
受访者：政策吸引力不强，补贴比不上周边城市。
访谈者：工作方面呢？
受访者：实验室设备不错，科研经费也够，工作本身很有挑战。
"""

EN_T03 = """# Interview T03

**Interviewer:** How do you find the talent services here?
**Interviewee:** The online platform is hard to find anything on, and I had to submit the same documents again to three departments.
**Interviewer:** Any good experiences?
**Interviewee:** My promotion came through last year and I was given responsibility for a new lab.
"""


def write_docx(path: Path, lines: list[str]) -> Path:
    import docx

    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(str(path))
    return path


@pytest.fixture()
def transcript_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "transcripts"
    folder.mkdir()
    (folder / "T01.txt").write_text(ZH_T01, encoding="utf-8")
    (folder / "T02.txt").write_bytes(ZH_T02.encode("gb18030"))
    (folder / "T03.md").write_text(EN_T03, encoding="utf-8")
    write_docx(folder / "T04.docx", ["访谈记录T04", "Q：您对人才公寓满意吗？", "A：人才公寓不错，但是租金补贴太低了。", "Q：职称评审呢？", "A：职称评上了，晋升很顺利。"])
    return folder


@pytest.fixture()
def reference_interviews() -> Path:
    return REFERENCE
