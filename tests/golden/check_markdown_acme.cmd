check cli/acme.xml -f markdown
