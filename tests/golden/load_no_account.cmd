check load/no-account.xml
