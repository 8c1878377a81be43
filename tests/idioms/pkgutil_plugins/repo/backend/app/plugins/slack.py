NAME = 'slack'
