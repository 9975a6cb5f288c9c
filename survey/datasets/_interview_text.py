"""Text templates of the generated interviews (Chinese): critical-incident stories per Herzberg factor.

Each story sentence is written for one first-level factor of the ``herzberg16`` codebook and one
valence (``high``: a time the interviewee felt especially good; ``low``: especially bad). Service
codes of the ``talent_services`` codebook that a sentence illustrates are listed beside it.
``{org}``, ``{colleague}``, ``{official}`` and ``{field}`` are filled in per interviewee.
"""

from __future__ import annotations

# (text, talent-service codes) per (factor, valence)
STORIES: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = {
    ("achievement", "high"): [
        ("那年我们团队攻克了{field}里卡了好几年的关键技术，样机第一次测试就成功了，大家都特别激动。", ("s_research_platform",)),
        ("我主持的课题顺利结题，成果还在{org}实现了转化，看到自己做的东西真正用起来，那种成就感是别的替代不了的。", ()),
        ("去年我们在{field}方向发了一篇很有分量的论文，前后做了三年，最后做成了。", ()),
    ],
    ("recognition", "high"): [
        ("市里开人才大会，给我颁发了优秀人才的荣誉称号，{official}还专门到{org}来看我们团队，我觉得自己的工作被看见了。", ("s_recognition",)),
        ("成果出来以后，单位在全院大会上点名表扬，同行也主动来交流，那种被认可、被尊重的感觉很好。", ("s_recognition",)),
    ],
    ("work_itself", "high"): [
        ("在这里做的正是我一直想做的{field}研究，方向有挑战也有意义，每天都有新问题可以琢磨。", ("s_research_platform",)),
        ("我们做的是面向一线的创新工作，内容本身就很吸引我，专业也完全对口。", ()),
    ],
    ("responsibility", "high"): [
        ("单位让我牵头负责一个省级重点项目，经费怎么用、团队怎么组都由我来定，给了我很大的自主权。", ()),
        ("领导把新平台的筹建交给我负责，这份信任让我觉得肩上有担子，也有干劲。", ("s_research_platform",)),
    ],
    ("advancement", "high"): [
        ("去年我破格晋升了正高职称，评审比我预想的顺利，算是对这些年工作的一个交代。", ("s_career_development",)),
        ("我从项目骨干提拔为研究室主任，晋升通道是真正打通了。", ("s_career_development",)),
    ],
    ("growth", "high"): [
        ("单位资助我去国外合作实验室进修了半年，学到了很多新方法，回来以后整个人的视野都不一样了。", ("s_career_development",)),
        ("市里组织的高层次人才研修班我参加了，和不同领域的专家交流，收获很大，感觉自己在成长。", ("s_career_development",)),
    ],
    ("salary", "high"): [
        ("安家补贴一次性到账了，比我预想的快，那段时间确实挺高兴。", ("s_subsidies",)),
    ],
    ("personal_life", "high"): [
        ("孩子顺利进了离家近的学校，家里总算安定下来了。", ("s_children_education",)),
        ("我们分到了人才公寓，拎包入住，离单位也近。", ("s_housing",)),
    ],
    ("policy_administration", "high"): [
        ("一站式服务窗口的专员帮我一天就把落户和补贴申请都办完了，这个体验很好。", ("m_clarify_responsibilities", "m_strengthen_staffing")),
    ],
    ("working_conditions", "high"): [
        ("新实验楼投入使用以后，设备条件一下子上了一个台阶。", ("s_research_platform",)),
    ],
    # ---- low sequences ----
    ("policy_administration", "low"): [
        ("申报人才补贴前前后后跑了好几趟，材料太多，每个部门要的还不一样，问了几个窗口都说不归他们管，互相推，最后不知道找谁。",
         ("p_unclear_responsibilities", "p_poor_implementation")),
        ("政策条款写得很笼统，窗口的工作人员自己也解释不清楚，换了一个经办人又要重新提交一遍材料。", ("p_weak_staffing", "p_weak_sharing")),
        ("网上办理的系统很不好用，信息分散在好几个公众号里，查不到自己申请到了哪一步。", ("p_platform_level",)),
        ("我们这类人才的条件门槛太高，政策是一刀切的，青年人才很多都够不上。", ("p_policy_supply",)),
    ],
    ("salary", "low"): [
        ("说好的安家补贴拖了一年多才兑现，中间还打了折扣，和引进时承诺的不一样。", ("p_poor_implementation", "s_subsidies")),
        ("和周边城市比，我们这里的补贴力度不够，比不上人家，身边已经有同事被挖走了。", ("p_weak_attraction", "s_subsidies")),
    ],
    ("personal_life", "low"): [
        ("孩子入学的事情没人管，最后只能自己托关系找学校，那段时间压力特别大。", ("s_children_education", "p_poor_implementation")),
        ("我爱人的工作一直没有落实，家属就业这块基本是空白，一家人两地分居了大半年。", ("s_spouse_employment", "p_policy_supply")),
        ("人才公寓排了一年还没排上，只能在外面租房，租房补贴又很低。", ("s_housing", "p_weak_attraction")),
        ("家里老人看病不方便，说好的就医绿色通道实际用不上。", ("s_medical", "p_poor_implementation")),
    ],
    ("working_conditions", "low"): [
        ("实验室设备迟迟不到位，大型仪器共享要排很久，项目进度被拖了好几个月。", ("s_research_platform",)),
        ("办公和实验场地很紧张，团队里的助手也配不齐，很多杂事只能自己做。", ()),
    ],
    ("job_security", "low"): [
        ("聘期考核压力很大，合同到期能不能续签心里一直没底，缺少安全感。", ()),
    ],
    ("relations_superior", "low"): [
        ("和部门领导在项目方向上有分歧，沟通了几次都没有结果，心里挺憋屈。", ()),
    ],
    ("recognition", "low"): [
        ("成果报上去以后没有被认可，评奖的时候也被忽略了，感觉自己的付出没人看见。", ("s_recognition",)),
    ],
    ("achievement", "low"): [
        ("项目最后没有做成，几年的工作没有拿出成果，那是我最失落的时候。", ()),
    ],
    ("advancement", "low"): [
        ("职称评审名额太少，我卡了好几年上不去，晋升通道不畅。", ("s_career_development",)),
    ],
}

HIGH_PROMPTS = [
    "请您回忆一次在本市工作期间，让您感觉特别好、特别满意的经历，当时发生了什么？",
    "能不能讲一件来这里以后让您特别有成就感、特别开心的事情？",
    "还有没有别的让您觉得特别满意的经历？",
]
LOW_PROMPTS = [
    "那反过来，请您回忆一次让您感觉特别不好、特别不满意的经历。",
    "有没有哪件事让您特别失望，甚至想过离开？",
    "还有没有其他让您觉得很不满意的事情？",
]
RANGE_PROMPTS = ["这种感觉持续了多久？对您后来的工作有什么影响？", "这件事对您的影响大概持续了多长时间？"]
LONG_RANGE = {
    "high": ["到现在想起来还是很有干劲，这件事对我影响很深，后来几年我都更投入了。", "影响是长期的，它让我下决心在这里长期干下去。"],
    "low": ["影响持续了很久，到现在我对相关部门都没什么信心，也动过离开的念头。", "这件事过去一年多了，心里一直有疙瘩，做事也没有以前那么有劲了。"],
}
SHORT_RANGE = {
    "high": ["高兴了几天吧，过后也就恢复平常了。", "当时挺开心的，过了一两周就淡了。"],
    "low": ["当时很生气，过了几天也就过去了。", "郁闷了一阵子，事情解决以后就好了。"],
}
SUGGESTIONS = [
    ("建议把各个部门的职责理清楚，搞一个权责清单，真正做到一窗受理、一站式办结。", ("m_clarify_responsibilities",)),
    ("最好给每个人才配一个人才专员，专人对接，少让我们自己跑。", ("m_strengthen_staffing",)),
    ("政策要分类施策，按不同类别人才的需求量身定制，不要一刀切。", ("m_precise_supply",)),
    ("补贴力度要加大，配套也要跟上，特别是子女教育和住房。", ("m_raise_competitiveness",)),
    ("流程要简化，减少材料，限时办结，还可以请第三方评估政策落实情况。", ("m_strengthen_implementation",)),
    ("希望建一个统一平台，政策查询、申报、兑现都能一网通办、掌上办。", ("m_smart_platform",)),
    ("部门之间要数据共享，别让我们重复提交同样的材料。", ("m_sharing_mechanism",)),
]
CAUSES = [
    ("我觉得根子上是缺少一个统筹牵头部门，人才工作分散在好几个部门，条块分割。", ("c_fragmented_management",)),
    ("出台政策之前好像没有做过需求调研，不了解我们真正需要什么。", ("c_needs_research",)),
    ("地方财力有限，周边城市又都在加码抢人，压力确实大。", ("c_fiscal_competition",)),
    ("落实得怎么样没有人考核，也没有反馈渠道，办得好办得差一个样。", ("c_weak_supervision",)),
    ("部门之间有壁垒，数据权限各管各的，所以很难共享。", ("c_departmental_barriers",)),
]
FIELDS = ["光电材料", "智能制造", "新能源电池", "生物医药", "核技术应用", "电子信息", "临床医学", "新材料"]
