"""Reading inputs: files opened safely, YAML and TOML parsed with positions, answers and charters validated into delegation records."""
