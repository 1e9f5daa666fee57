"""The measures: pure functions on region x technology matrices (RCA, relatedness, density, complexity, quadrants)."""
