check cli/acme.xml --as-of 2026-11-01 --limit max_text=0 --limit max_persons=0 --fail-on never -f json
