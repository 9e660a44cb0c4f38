render cli/acme.xml -o map.gif
