diff diff/old.xml --new-as-of 2026-13-01
