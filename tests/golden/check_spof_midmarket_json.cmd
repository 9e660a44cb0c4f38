check ../../samples/midmarket.xml --spof -f json --fail-on never
