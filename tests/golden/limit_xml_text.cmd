check cli/acme.xml --as-of 2026-11-01 --limit max_text=10
