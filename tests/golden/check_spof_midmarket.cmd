check ../../samples/midmarket.xml --spof
