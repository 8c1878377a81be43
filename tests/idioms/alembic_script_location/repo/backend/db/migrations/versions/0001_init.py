revision = '0001'
