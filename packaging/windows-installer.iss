; Inno Setup script for the Windows installer. Build on Windows after
; `pyinstaller packaging\reception-desk.spec` has produced dist\reception-desk.
[Setup]
AppName=Reception Desk
AppVersion=0.1.0
DefaultDirName={autopf}\ReceptionDesk
DefaultGroupName=Reception Desk
OutputBaseFilename=ReceptionDesk-Setup-0.1.0
Compression=lzma2
SolidCompression=yes

[Languages]
Name: "vietnamese"; MessagesFile: "compiler:Languages\Vietnamese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\dist\reception-desk\*"; DestDir: "{app}"; Flags: recursesubdirs

[Icons]
Name: "{group}\Sổ tiếp công dân"; Filename: "{app}\reception-desk.exe"
Name: "{autodesktop}\Sổ tiếp công dân"; Filename: "{app}\reception-desk.exe"
