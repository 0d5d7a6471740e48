"""The rules and their matching: the rule pack loaded, compiled and cached, its conditions, patterns and the judge they call."""
