export --db no-such.sqlite
