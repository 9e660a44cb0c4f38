check cli/acme.xml --channel-weight fax=1
