render cli/acme.xml --engine dot -T dot
