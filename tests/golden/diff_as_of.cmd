diff cli/acme.xml --old-as-of 2026-11-01 --new-as-of 2027-03-01
