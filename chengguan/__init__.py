"""Chengguan: a county urban-management bureau's rule-of-law platform."""
