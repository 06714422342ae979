"""Rules: small named checks, a registry, the scorer, and the TOML configuration."""
