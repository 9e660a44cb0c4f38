render cli/acme.xml --layout-timeout -1
