diff cli/acme.xml diff/old.xml --as-of 2026-11-01
