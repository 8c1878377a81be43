NAME = 'teams'
