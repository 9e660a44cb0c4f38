check cli/acme.xml --covered-threshold 0.3 --key-influence 0.5 --fail-on never
