check limits/long-title.xml --as-of 2026-11-01
