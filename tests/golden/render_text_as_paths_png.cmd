render cli/acme.xml --text-as-paths -T png
