"""Write two_factor_synthetic.csv (n = 300) beside this script from the package's seeded generator. Run once."""
from pathlib import Path

import survey as sv


def main() -> None:
    data = sv.simulate_two_factor(300, seed=5).data
    data.to_csv(Path(__file__).with_name("two_factor_synthetic.csv"), index=False)


if __name__ == "__main__":
    main()
