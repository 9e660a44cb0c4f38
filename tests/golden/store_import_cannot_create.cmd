import cli/acme.xml --db no-such-dir/db.sqlite
