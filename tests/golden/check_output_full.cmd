check cli/acme.xml -o /dev/full
