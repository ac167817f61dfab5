"""Job postings: the public board and the employer's posting workflow."""
