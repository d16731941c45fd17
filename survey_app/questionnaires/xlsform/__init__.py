"""XLSForm interop: export one band of an instrument as a workbook KoboToolbox/ODK can use, and import
workbooks (ours, one per band, or a plain KoboToolbox form) back into our definition format.

See ``export`` for the column mapping and ``importer`` for what a plain form needs.
"""

from .export import export_xlsform, workbook_bytes
from .forms import ImportDefaults
from .importer import import_xlsform, import_xlsforms

__all__ = ["ImportDefaults", "export_xlsform", "import_xlsform", "import_xlsforms", "workbook_bytes"]
