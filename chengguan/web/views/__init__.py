"""Staff pages. They call queries and actions only; no second path to state."""
