"""TIMEX3 rules used by the dates stage beyond its core ones (references, seasons, sets, vague spans)."""
