check cli/acme.xml --as-of 2026-02-30
