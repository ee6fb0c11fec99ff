"""Shared infrastructure that imports no domain app (DESIGN.md: kjerne/)."""
