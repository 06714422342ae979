"""Rules: small named checks, a registry, the scorer, and the TOML configuration."""

from moderator.compiled import activate

activate()  # the compiled rules, when built and current, before any rule module loads
