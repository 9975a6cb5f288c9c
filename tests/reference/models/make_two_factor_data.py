"""Write two_factor_synthetic.csv (n = 300) from the package's seeded generator. Run once."""
import survey as sv

sv.simulate_two_factor(300, seed=5).data.to_csv("two_factor_synthetic.csv", index=False)
