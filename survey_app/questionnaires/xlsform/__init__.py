"""XLSForm interop: export one band of an instrument as a workbook KoboToolbox/ODK can use, and import
workbooks (ours, one per band, or a plain KoboToolbox/ODK form) back into our definition format.

See ``export`` for the column mapping, ``importer`` for the import and README.md for every decision.
"""

from .export import export_xlsform, workbook_bytes
from .forms import ImportDefaults
from .importer import ImportResult, import_xlsform, import_xlsforms
from .media import MediaFiles

__all__ = ["ImportDefaults", "ImportResult", "MediaFiles", "export_xlsform", "import_xlsform", "import_xlsforms",
           "workbook_bytes"]
