"""Importers of open data about places (CBS key figures), from CSV or XLSX files."""
