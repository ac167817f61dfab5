"""Company profiles and the applicant pipeline."""
