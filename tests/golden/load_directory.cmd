check load
