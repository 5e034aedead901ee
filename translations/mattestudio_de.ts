<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>GuiMain</name>
    <message>
        <source>MatteStudio desktop application. Use &apos;mattestudio --batch --help&apos; for the command line.</source>
        <translation>MatteStudio-Desktopanwendung. Für die Kommandozeile siehe &apos;mattestudio --batch --help&apos;.</translation>
    </message>
    <message>
        <source>Project folder to open.</source>
        <translation>Zu öffnender Projektordner.</translation>
    </message>
    <message>
        <source>Open the built-in demo project.</source>
        <translation>Das eingebaute Demoprojekt öffnen.</translation>
    </message>
    <message>
        <source>Folder for the demo project.</source>
        <translation>Ordner für das Demoprojekt.</translation>
    </message>
    <message>
        <source>Interface language: en, de, zh_CN.</source>
        <translation>Sprache der Oberfläche: en, de, zh_CN.</translation>
    </message>
</context>
<context>
    <name>ms::ui::CheckpointBrowser</name>
    <message>
        <source>Not a usable checkpoint</source>
        <translation>Kein verwendbarer Checkpoint</translation>
    </message>
    <message>
        <source>%1 cannot be used for matting or training.</source>
        <translation>%1 kann weder zum Freistellen noch zum Training verwendet werden.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Load report — %1</source>
        <translation>Ladebericht — %1</translation>
    </message>
    <message>
        <source>Converted %1 to %2</source>
        <translation>%1 nach %2 konvertiert</translation>
    </message>
    <message>
        <source>Add a checkpoint folder</source>
        <translation>Checkpoint-Ordner hinzufügen</translation>
    </message>
    <message>
        <source>Open a checkpoint</source>
        <translation>Checkpoint öffnen</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth *.pt *.safetensors *.ckpt);;All files (*)</source>
        <translation>Checkpoints (*.pth *.pt *.safetensors *.ckpt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Conversion failed</source>
        <translation>Konvertierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 could not be converted.</source>
        <translation>%1 konnte nicht konvertiert werden.</translation>
    </message>
    <message>
        <source>Cannot load the checkpoint</source>
        <translation>Checkpoint kann nicht geladen werden</translation>
    </message>
    <message>
        <source>%1 does not load into a network.</source>
        <translation>%1 lässt sich in kein Netz laden.</translation>
    </message>
    <message>
        <source>Checkpoint problem</source>
        <translation>Problem mit dem Checkpoint</translation>
    </message>
    <message>
        <source>TorchScript</source>
        <translation>TorchScript</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Best checkpoint of %1 (lowest validation loss)</source>
        <translation>Bester Checkpoint von %1 (niedrigster Validierungsverlust)</translation>
    </message>
    <message>
        <source>Cannot open the checkpoint</source>
        <translation>Checkpoint kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>No project</source>
        <translation>Kein Projekt</translation>
    </message>
    <message>
        <source>Open or create a project first.</source>
        <translation>Öffnen oder erstellen Sie zuerst ein Projekt.</translation>
    </message>
    <message>
        <source>Cannot resume from this checkpoint</source>
        <translation>Von diesem Checkpoint kann nicht fortgesetzt werden</translation>
    </message>
    <message>
        <source>Only checkpoints written by a MatteStudio training run (with their .json and .state files beside them) can be resumed exactly. To start a new run from these weights, set them as the training&apos;s initial checkpoint.</source>
        <translation>Nur Checkpoints eines MatteStudio-Trainings (mit ihren .json- und .state-Dateien daneben) lassen sich exakt fortsetzen. Um mit diesen Gewichten ein neues Training zu beginnen, tragen Sie sie als Anfangsgewichte des Trainings ein.</translation>
    </message>
    <message>
        <source>Compare checkpoints</source>
        <translation>Checkpoints vergleichen</translation>
    </message>
    <message>
        <source>Select exactly two checkpoints (Ctrl+click) to compare them on the same image.</source>
        <translation>Wählen Sie genau zwei Checkpoints aus (Strg+Klick), um sie am selben Bild zu vergleichen.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>Convert checkpoint</source>
        <translation>Checkpoint konvertieren</translation>
    </message>
    <message>
        <source>PyTorch checkpoint (*.pth)</source>
        <translation>PyTorch-Checkpoint (*.pth)</translation>
    </message>
    <message>
        <source>safetensors (*.safetensors)</source>
        <translation>safetensors (*.safetensors)</translation>
    </message>
    <message>
        <source>Overwrite?</source>
        <translation>Überschreiben?</translation>
    </message>
    <message>
        <source>%1 exists already. Replace it?</source>
        <translation>%1 existiert bereits. Ersetzen?</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Converting %1…</source>
        <translation>%1 wird konvertiert…</translation>
    </message>
    <message>
        <source>Delete checkpoints</source>
        <translation>Checkpoints löschen</translation>
    </message>
    <message>
        <source>Delete %1 checkpoint file(s) with their training state and metadata? This cannot be undone.</source>
        <translation>%1 Checkpoint-Datei(en) samt Trainingszustand und Metadaten löschen? Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>%1 gelöscht</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>Löschen nicht möglich</translation>
    </message>
    <message>
        <source>%1 could not be deleted.</source>
        <translation>%1 konnte nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>TorchScript archive: usable for matting, not for training</source>
        <translation>TorchScript-Archiv: zum Freistellen verwendbar, nicht zum Training</translation>
    </message>
    <message>
        <source>%1 with a %2 backbone</source>
        <translation>%1 mit %2-Backbone</translation>
    </message>
    <message>
        <source>, %1 format</source>
        <translation>, Format %1</translation>
    </message>
    <message>
        <source>, %1 tensors</source>
        <translation>, %1 Tensoren</translation>
    </message>
    <message>
        <source>, written by MatteStudio (epoch %1, step %2)</source>
        <translation>, von MatteStudio geschrieben (Epoche %1, Schritt %2)</translation>
    </message>
    <message>
        <source>No checkpoints yet. Train a model, or open a .pth / .safetensors / TorchScript file.</source>
        <translation>Noch keine Checkpoints. Trainieren Sie ein Modell oder öffnen Sie eine .pth-, .safetensors- oder TorchScript-Datei.</translation>
    </message>
    <message>
        <source>Select a checkpoint to see its details.</source>
        <translation>Wählen Sie einen Checkpoint, um seine Details zu sehen.</translation>
    </message>
    <message>
        <source>Backbone scale</source>
        <translation>Backbone-Skalierung</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Valid loss</source>
        <translation>Valid.-Verlust</translation>
    </message>
    <message>
        <source>Train loss</source>
        <translation>Train.-Verlust</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>Backbone</translation>
    </message>
    <message>
        <source>Filter by name, type, backbone…</source>
        <translation>Nach Name, Typ, Backbone filtern…</translation>
    </message>
    <message>
        <source>Add a folder of checkpoints to the list</source>
        <translation>Einen Ordner mit Checkpoints zur Liste hinzufügen</translation>
    </message>
    <message>
        <source>Open a .pth, .safetensors or TorchScript file</source>
        <translation>Eine .pth-, .safetensors- oder TorchScript-Datei öffnen</translation>
    </message>
    <message>
        <source>Scan the folders again</source>
        <translation>Ordner erneut durchsuchen</translation>
    </message>
    <message>
        <source>Matte</source>
        <translation>Freistellen</translation>
    </message>
    <message>
        <source>Use this checkpoint in the Matting panel</source>
        <translation>Diesen Checkpoint im Freistellen-Bereich verwenden</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Continue the training run from this checkpoint</source>
        <translation>Das Training ab diesem Checkpoint fortsetzen</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Compare two selected checkpoints side by side on the same image</source>
        <translation>Zwei ausgewählte Checkpoints nebeneinander am selben Bild vergleichen</translation>
    </message>
    <message>
        <source>Load report</source>
        <translation>Ladebericht</translation>
    </message>
    <message>
        <source>How the file&apos;s tensors load into the network</source>
        <translation>Wie sich die Tensoren der Datei in das Netz laden</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Mehr</translation>
    </message>
    <message>
        <source>Convert to .pth…</source>
        <translation>In .pth konvertieren…</translation>
    </message>
    <message>
        <source>Convert to .safetensors…</source>
        <translation>In .safetensors konvertieren…</translation>
    </message>
    <message>
        <source>Show in file manager</source>
        <translation>Im Dateimanager zeigen</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>%1 checkpoint(s) of %2 model(s), %3 shown</source>
        <translation>%1 Checkpoint(s) von %2 Modell(en), %3 angezeigt</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>Kein Projekt geöffnet</translation>
    </message>
</context>
<context>
    <name>ms::ui::CurvePlot</name>
    <message>
        <source>Export plot as PNG</source>
        <translation>Diagramm als PNG exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 could not be written.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Export data as CSV</source>
        <translation>Daten als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV-Tabelle (*.csv)</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Log. Skala</translation>
    </message>
    <message>
        <source>Autoscale</source>
        <translation>Autoskalieren</translation>
    </message>
    <message>
        <source>Fit the view to the data again (after zooming with the wheel or panning)</source>
        <translation>Ansicht wieder an die Daten anpassen (nach Zoomen mit dem Mausrad oder Verschieben)</translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <source>Export the plot as an image</source>
        <translation>Diagramm als Bild exportieren</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Export the data as a table</source>
        <translation>Daten als Tabelle exportieren</translation>
    </message>
    <message>
        <source>Values at the step under the mouse</source>
        <translation>Werte beim Schritt unter dem Mauszeiger</translation>
    </message>
</context>
<context>
    <name>ms::ui::LivePanel</name>
    <message>
        <source>%1, %2 × %3 at %4 frames/s</source>
        <translation>%1, %2 × %3 mit %4 Bildern/s</translation>
    </message>
    <message>
        <source>Live view: %1 with %2</source>
        <translation>Live-Ansicht: %1 mit %2</translation>
    </message>
    <message>
        <source>Recorded %1 frame(s) to %2</source>
        <translation>%1 Bild(er) nach %2 aufgezeichnet</translation>
    </message>
    <message>
        <source>Video standing in for a camera</source>
        <translation>Video anstelle einer Kamera</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.m4v *.mov *.avi *.mkv *.webm);;All files (*)</source>
        <translation>Videos (*.mp4 *.m4v *.mov *.avi *.mkv *.webm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth *.pt *.safetensors *.ckpt);;All files (*)</source>
        <translation>Checkpoints (*.pth *.pt *.safetensors *.ckpt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Folder for recordings</source>
        <translation>Ordner für Aufnahmen</translation>
    </message>
    <message>
        <source>Photo of the empty scene</source>
        <translation>Foto der leeren Szene</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp)</translation>
    </message>
    <message>
        <source>Background colour</source>
        <translation>Hintergrundfarbe</translation>
    </message>
    <message>
        <source>New background image</source>
        <translation>Neues Hintergrundbild</translation>
    </message>
    <message>
        <source>Choose a checkpoint.</source>
        <translation>Wählen Sie einen Checkpoint.</translation>
    </message>
    <message>
        <source>The checkpoint %1 does not exist.</source>
        <translation>Der Checkpoint %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Choose a video file, or switch the source to a camera.</source>
        <translation>Wählen Sie eine Videodatei oder stellen Sie die Quelle auf eine Kamera um.</translation>
    </message>
    <message>
        <source>The video %1 does not exist.</source>
        <translation>Das Video %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Cannot start the live view yet</source>
        <translation>Live-Ansicht kann noch nicht gestartet werden</translation>
    </message>
    <message>
        <source>Cannot record</source>
        <translation>Aufnahme nicht möglich</translation>
    </message>
    <message>
        <source>Choose a folder for recordings that can be written.</source>
        <translation>Wählen Sie einen beschreibbaren Ordner für Aufnahmen.</translation>
    </message>
    <message>
        <source>%1 frames/s</source>
        <translation>%1 Bilder/s</translation>
    </message>
    <message>
        <source>Camera picture: not matted yet</source>
        <translation>Kamerabild: noch nicht freigestellt</translation>
    </message>
    <message>
        <source>The live view stopped</source>
        <translation>Die Live-Ansicht wurde beendet</translation>
    </message>
    <message>
        <source>The live view stopped by itself.</source>
        <translation>Die Live-Ansicht hat sich von selbst beendet.</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Cannot start the live view</source>
        <translation>Live-Ansicht kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>The source or the checkpoint could not be opened.</source>
        <translation>Die Quelle oder der Checkpoint konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>Cannot use this background</source>
        <translation>Dieser Hintergrund ist nicht verwendbar</translation>
    </message>
    <message>
        <source>The photo cannot be the clean plate.</source>
        <translation>Das Foto kann nicht als Hintergrundaufnahme dienen.</translation>
    </message>
    <message>
        <source>Recording failed</source>
        <translation>Aufnahme fehlgeschlagen</translation>
    </message>
    <message>
        <source>The live output could not be recorded.</source>
        <translation>Die Live-Ausgabe konnte nicht aufgezeichnet werden.</translation>
    </message>
    <message>
        <source>Setting not applied</source>
        <translation>Einstellung nicht übernommen</translation>
    </message>
    <message>
        <source>The live view keeps its previous setting.</source>
        <translation>Die Live-Ansicht behält ihre vorherige Einstellung.</translation>
    </message>
    <message>
        <source>Opening the source and loading the network…</source>
        <translation>Quelle wird geöffnet und Netz wird geladen…</translation>
    </message>
    <message>
        <source>Step out of the picture and press “Capture background”; matting starts then.</source>
        <translation>Treten Sie aus dem Bild und drücken Sie “Hintergrund aufnehmen”; danach beginnt das Freistellen.</translation>
    </message>
    <message>
        <source>%1 frames/s, latency %2 ms (p90 %3 ms), network %4 ms</source>
        <translation>%1 Bilder/s, Latenz %2 ms (p90 %3 ms), Netz %4 ms</translation>
    </message>
    <message>
        <source>%1 of %2 source frames dropped (the network was busy)</source>
        <translation>%1 von %2 Quellbildern verworfen (das Netz war ausgelastet)</translation>
    </message>
    <message>
        <source>recording %1 frames to %2</source>
        <translation>%1 Bilder werden nach %2 aufgezeichnet</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Capture background again</source>
        <translation>Hintergrund erneut aufnehmen</translation>
    </message>
    <message>
        <source>Capture background</source>
        <translation>Hintergrund aufnehmen</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Aufnahme beenden</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Aufnehmen</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>Video file (stands in for a camera)</source>
        <translation>Videodatei (anstelle einer Kamera)</translation>
    </message>
    <message>
        <source>Cameras are opened through OpenCV; a video file plays at its own frame rate and loops</source>
        <translation>Kameras werden über OpenCV geöffnet; eine Videodatei läuft mit ihrer eigenen Bildrate in einer Schleife</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>Kamera:</translation>
    </message>
    <message>
        <source>The camera&apos;s number: 0 is the first one the system lists</source>
        <translation>Nummer der Kamera: 0 ist die erste, die das System auflistet</translation>
    </message>
    <message>
        <source>Video:</source>
        <translation>Video:</translation>
    </message>
    <message>
        <source>Choose a video file</source>
        <translation>Videodatei wählen</translation>
    </message>
    <message>
        <source>Frame size:</source>
        <translation>Bildgröße:</translation>
    </message>
    <message>
        <source>as the source delivers</source>
        <translation>wie von der Quelle geliefert</translation>
    </message>
    <message>
        <source>Smaller frames matte faster; cameras are asked for this size</source>
        <translation>Kleinere Bilder werden schneller freigestellt; bei Kameras wird diese Größe angefordert</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>Checkpoint:</source>
        <translation>Checkpoint:</translation>
    </message>
    <message>
        <source>.pth, .safetensors or TorchScript file</source>
        <translation>.pth-, .safetensors- oder TorchScript-Datei</translation>
    </message>
    <message>
        <source>Choose a checkpoint file</source>
        <translation>Checkpoint-Datei wählen</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Composite onto:</source>
        <translation>Einsetzen vor:</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Grün</translation>
    </message>
    <message>
        <source>White</source>
        <translation>Weiß</translation>
    </message>
    <message>
        <source>Black</source>
        <translation>Schwarz</translation>
    </message>
    <message>
        <source>Solid colour…</source>
        <translation>Einfarbig…</translation>
    </message>
    <message>
        <source>Image…</source>
        <translation>Bild…</translation>
    </message>
    <message>
        <source>Recordings:</source>
        <translation>Aufnahmen:</translation>
    </message>
    <message>
        <source>folder for live-&lt;date&gt;-&lt;time&gt;.mp4</source>
        <translation>Ordner für live-&lt;date&gt;-&lt;time&gt;.mp4</translation>
    </message>
    <message>
        <source>Choose the folder for recordings</source>
        <translation>Ordner für Aufnahmen wählen</translation>
    </message>
    <message>
        <source>Grab the next frame as the clean plate: the scene without the person</source>
        <translation>Das nächste Bild als Hintergrundaufnahme übernehmen: die Szene ohne die Person</translation>
    </message>
    <message>
        <source>Use a photo of the empty scene as the clean plate (the source&apos;s size)</source>
        <translation>Ein Foto der leeren Szene als Hintergrundaufnahme verwenden (in der Größe der Quelle)</translation>
    </message>
    <message>
        <source>Record what is shown, in real time, to an MPEG-4 video</source>
        <translation>Das Angezeigte in Echtzeit als MPEG-4-Video aufzeichnen</translation>
    </message>
    <message>
        <source>Choose a camera or a video, then Start. Step out of the picture, press “Capture background”, and step back in.</source>
        <translation>Wählen Sie eine Kamera oder ein Video, dann Starten. Treten Sie aus dem Bild, drücken Sie “Hintergrund aufnehmen” und treten Sie wieder hinein.</translation>
    </message>
</context>
<context>
    <name>ms::ui::LogPanel</name>
    <message>
        <source>All messages</source>
        <translation>Alle Meldungen</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the selected messages (all when none is selected)</source>
        <translation>Ausgewählte Meldungen kopieren (alle, wenn keine ausgewählt ist)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Warnings: %1 · Errors: %2</source>
        <translation>Warnungen: %1 · Fehler: %2</translation>
    </message>
</context>
<context>
    <name>ms::ui::MainWindow</name>
    <message>
        <source>Open a checkpoint</source>
        <translation>Checkpoint öffnen</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth *.pt *.safetensors *.ckpt);;All files (*)</source>
        <translation>Checkpoints (*.pth *.pt *.safetensors *.ckpt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>About MatteStudio</source>
        <translation>Über MatteStudio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;MatteStudio %1&lt;/h3&gt;&lt;p&gt;Training and inference for BackgroundMattingV2 networks (MattingBase, MattingRefine; ResNet-50, ResNet-101, MobileNetV2), with checkpoints that move freely between MatteStudio and the Python reference.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;MatteStudio %1&lt;/h3&gt;&lt;p&gt;Training und Inferenz für BackgroundMattingV2-Netze (MattingBase, MattingRefine; ResNet-50, ResNet-101, MobileNetV2), mit Checkpoints, die frei zwischen MatteStudio und der Python-Referenz wechseln.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>The project in %1 could not be opened.</source>
        <translation>Das Projekt in %1 konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>Cannot create the project</source>
        <translation>Projekt kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>No project could be created in %1.</source>
        <translation>In %1 konnte kein Projekt erstellt werden.</translation>
    </message>
    <message>
        <source>Preparing the demo project (synthetic dataset, sample images)…</source>
        <translation>Demoprojekt wird vorbereitet (synthetischer Datensatz, Beispielbilder)…</translation>
    </message>
    <message>
        <source>Preparing the demo project in %1</source>
        <translation>Demoprojekt wird in %1 vorbereitet</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Cannot prepare the demo project</source>
        <translation>Demoprojekt kann nicht vorbereitet werden</translation>
    </message>
    <message>
        <source>The demo project could not be written to %1.</source>
        <translation>Das Demoprojekt konnte nicht nach %1 geschrieben werden.</translation>
    </message>
    <message>
        <source>Opened project %1 (%2)</source>
        <translation>Projekt %1 geöffnet (%2)</translation>
    </message>
    <message>
        <source>Cannot save the project</source>
        <translation>Projekt kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>The project settings could not be saved.</source>
        <translation>Die Projekteinstellungen konnten nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>Training läuft</translation>
    </message>
    <message>
        <source>Stop the training run? It saves a checkpoint first, so it can be resumed later.</source>
        <translation>Training beenden? Zuvor wird ein Checkpoint gespeichert, sodass es später fortgesetzt werden kann.</translation>
    </message>
    <message>
        <source>Stop training</source>
        <translation>Training beenden</translation>
    </message>
    <message>
        <source>Training did not stop</source>
        <translation>Training wurde nicht beendet</translation>
    </message>
    <message>
        <source>The training run did not stop in time; try again.</source>
        <translation>Das Training wurde nicht rechtzeitig beendet; bitte erneut versuchen.</translation>
    </message>
    <message>
        <source>Open project folder</source>
        <translation>Projektordner öffnen</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>%1 — MatteStudio</source>
        <translation>%1 — MatteStudio</translation>
    </message>
    <message>
        <source>MatteStudio</source>
        <translation>MatteStudio</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>Kein Projekt geöffnet</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Zuletzt geöffnete Projekte</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>Neues Projekt…</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>Projekt öffnen…</translation>
    </message>
    <message>
        <source>Demo project</source>
        <translation>Demoprojekt</translation>
    </message>
    <message>
        <source>Open the built-in demo project (synthetic dataset)</source>
        <translation>Das eingebaute Demoprojekt öffnen (synthetischer Datensatz)</translation>
    </message>
    <message>
        <source>Open checkpoint file…</source>
        <translation>Checkpoint-Datei öffnen…</translation>
    </message>
    <message>
        <source>Close project</source>
        <translation>Projekt schließen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Where training and matting run</source>
        <translation>Wo Training und Freistellen laufen</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>alle Kerne</translation>
    </message>
    <message>
        <source>Compute threads for the network (0: every core)</source>
        <translation>Rechen-Threads für das Netz (0: alle Kerne)</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Matting</source>
        <translation>Freistellen</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>Checkpoints</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
</context>
<context>
    <name>ms::ui::MattingForm</name>
    <message>
        <source>Checkpoints (*.pth *.pt *.safetensors *.ckpt);;All files (*)</source>
        <translation>Checkpoints (*.pth *.pt *.safetensors *.ckpt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Checkpoint to compare with</source>
        <translation>Checkpoint zum Vergleich</translation>
    </message>
    <message>
        <source>Source images and videos</source>
        <translation>Quellbilder und -videos</translation>
    </message>
    <message>
        <source>Images and videos (%1 %2);;Images (%1);;Videos (%2)</source>
        <translation>Bilder und Videos (%1 %2);;Bilder (%1);;Videos (%2)</translation>
    </message>
    <message>
        <source>Folder of source images</source>
        <translation>Ordner mit Quellbildern</translation>
    </message>
    <message>
        <source>One background for all sources</source>
        <translation>Ein Hintergrund für alle Quellbilder</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Bilder (%1)</translation>
    </message>
    <message>
        <source>Folder of backgrounds (paired by name)</source>
        <translation>Ordner mit Hintergründen (Zuordnung nach Name)</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <source>Choose a checkpoint.</source>
        <translation>Wählen Sie einen Checkpoint.</translation>
    </message>
    <message>
        <source>The checkpoint %1 does not exist.</source>
        <translation>Der Checkpoint %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The checkpoint to compare with does not exist.</source>
        <translation>Der Vergleichs-Checkpoint existiert nicht.</translation>
    </message>
    <message>
        <source>Add source images (button, folder or drag and drop).</source>
        <translation>Fügen Sie Quellbilder hinzu (Schaltfläche, Ordner oder Ziehen und Ablegen).</translation>
    </message>
    <message>
        <source>Choose the captured background: one image for all, or a folder with one per source.</source>
        <translation>Wählen Sie den aufgenommenen Hintergrund: ein Bild für alle oder einen Ordner mit einem je Quellbild.</translation>
    </message>
    <message>
        <source>Finding the images in the chosen files and folders…</source>
        <translation>Bilder in den gewählten Dateien und Ordnern werden gesucht…</translation>
    </message>
    <message>
        <source>The images cannot be paired: %1</source>
        <translation>Die Bilder lassen sich nicht zuordnen: %1</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>Wählen Sie einen Ausgabeordner.</translation>
    </message>
    <message>
        <source>Select at least one output type.</source>
        <translation>Wählen Sie mindestens eine Ausgabeart.</translation>
    </message>
    <message>
        <source>Not loaded.</source>
        <translation>Nicht geladen.</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>Checkpoint:</source>
        <translation>Checkpoint:</translation>
    </message>
    <message>
        <source>.pth, .safetensors or TorchScript file</source>
        <translation>.pth-, .safetensors- oder TorchScript-Datei</translation>
    </message>
    <message>
        <source>Choose a checkpoint file</source>
        <translation>Checkpoint-Datei wählen</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>Vergleichen mit:</translation>
    </message>
    <message>
        <source>optional second checkpoint</source>
        <translation>optionaler zweiter Checkpoint</translation>
    </message>
    <message>
        <source>Choose a checkpoint to compare with</source>
        <translation>Checkpoint zum Vergleich wählen</translation>
    </message>
    <message>
        <source>Align each background to its source (ORB + homography)</source>
        <translation>Jeden Hintergrund an sein Quellbild ausrichten (ORB + Homographie)</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>Hintergrund</translation>
    </message>
    <message>
        <source>Add images or videos…</source>
        <translation>Bilder oder Videos hinzufügen…</translation>
    </message>
    <message>
        <source>A video is matted frame by frame with one background, like --batch matte-video</source>
        <translation>Ein Video wird Bild für Bild mit einem Hintergrund freigestellt, wie bei --batch matte-video</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Backgrounds:</source>
        <translation>Hintergründe:</translation>
    </message>
    <message>
        <source>one image for all, or a folder (paired by name)</source>
        <translation>ein Bild für alle oder ein Ordner (Zuordnung nach Name)</translation>
    </message>
    <message>
        <source>One background image for every source</source>
        <translation>Ein Hintergrundbild für jedes Quellbild</translation>
    </message>
    <message>
        <source>A folder of backgrounds, paired with the sources by name</source>
        <translation>Ein Ordner mit Hintergründen, nach Name den Quellbildern zugeordnet</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>Ausgabeordner wählen</translation>
    </message>
    <message>
        <source>Save:</source>
        <translation>Speichern:</translation>
    </message>
    <message>
        <source>Composite: the foreground with the alpha as transparency (RGBA PNG)</source>
        <translation>Komposit: der Vordergrund mit Alpha als Transparenz (RGBA-PNG)</translation>
    </message>
    <message>
        <source>Alpha matte</source>
        <translation>Alpha-Maske</translation>
    </message>
    <message>
        <source>Foreground colours</source>
        <translation>Vordergrundfarben</translation>
    </message>
    <message>
        <source>Error map of the coarse pass</source>
        <translation>Fehlerkarte des groben Durchgangs</translation>
    </message>
    <message>
        <source>Where the refiner worked</source>
        <translation>Wo die Verfeinerung gearbeitet hat</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>File format of pha, fgr, err and ref (com is always PNG)</source>
        <translation>Dateiformat von pha, fgr, err und ref (com ist immer PNG)</translation>
    </message>
    <message>
        <source>8 bit</source>
        <translation>8 Bit</translation>
    </message>
    <message>
        <source>16 bit (PNG)</source>
        <translation>16 Bit (PNG)</translation>
    </message>
    <message>
        <source>Composite onto:</source>
        <translation>Einsetzen vor:</translation>
    </message>
    <message>
        <source>transparency; or a colour (green, #RRGGBB) or an image path</source>
        <translation>Transparenz; oder eine Farbe (green, #RRGGBB) oder ein Bildpfad</translation>
    </message>
</context>
<context>
    <name>ms::ui::MattingPanel</name>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>Cannot preview yet</source>
        <translation>Vorschau noch nicht möglich</translation>
    </message>
    <message>
        <source>Cannot save yet</source>
        <translation>Speichern noch nicht möglich</translation>
    </message>
    <message>
        <source>Overwrite files?</source>
        <translation>Dateien überschreiben?</translation>
    </message>
    <message>
        <source>%1 output file(s) exist already in %2. Overwrite them? Nothing else in the folder is touched.</source>
        <translation>%1 Ausgabedatei(en) existieren bereits in %2. Überschreiben? Nichts anderes im Ordner wird angetastet.</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <source>Invalid output settings</source>
        <translation>Ungültige Ausgabeeinstellungen</translation>
    </message>
    <message>
        <source>The output settings cannot be used.</source>
        <translation>Die Ausgabeeinstellungen sind nicht verwendbar.</translation>
    </message>
</context>
<context>
    <name>ms::ui::MattingRunController</name>
    <message>
        <source>Cannot load the comparison checkpoint</source>
        <translation>Vergleichs-Checkpoint kann nicht geladen werden</translation>
    </message>
    <message>
        <source>%1 could not be loaded; the comparison is off.</source>
        <translation>%1 konnte nicht geladen werden; der Vergleich ist aus.</translation>
    </message>
    <message>
        <source>Comparison failed</source>
        <translation>Vergleich fehlgeschlagen</translation>
    </message>
    <message>
        <source>The second checkpoint could not matte this image.</source>
        <translation>Der zweite Checkpoint konnte dieses Bild nicht freistellen.</translation>
    </message>
    <message>
        <source>%1 × %2 px in %3 s</source>
        <translation>%1 × %2 px in %3 s</translation>
    </message>
    <message>
        <source>· %1 left</source>
        <translation>· noch %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Backdrop colour</source>
        <translation>Hintergrundfarbe</translation>
    </message>
    <message>
        <source>New background image</source>
        <translation>Neues Hintergrundbild</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Bilder (%1)</translation>
    </message>
    <message>
        <source>Cannot read the image</source>
        <translation>Bild kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>%1 is not an image this application can read.</source>
        <translation>%1 ist kein Bild, das diese Anwendung lesen kann.</translation>
    </message>
    <message>
        <source>Cancelling after the images in flight…</source>
        <translation>Abbruch nach den gerade bearbeiteten Bildern…</translation>
    </message>
    <message>
        <source>Loaded %1: %2 (%3)</source>
        <translation>%1 geladen: %2 (%3)</translation>
    </message>
    <message>
        <source>Matting %1 image pair(s) into %2</source>
        <translation>%1 Bildpaar(e) werden nach %2 freigestellt</translation>
    </message>
    <message>
        <source>Cannot load the checkpoint</source>
        <translation>Checkpoint kann nicht geladen werden</translation>
    </message>
    <message>
        <source>%1 could not be loaded for matting.</source>
        <translation>%1 konnte nicht zum Freistellen geladen werden.</translation>
    </message>
    <message>
        <source>Preview failed</source>
        <translation>Vorschau fehlgeschlagen</translation>
    </message>
    <message>
        <source>This image pair could not be matted.</source>
        <translation>Dieses Bildpaar konnte nicht freigestellt werden.</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Saving failed</source>
        <translation>Speichern fehlgeschlagen</translation>
    </message>
    <message>
        <source>The images could not be matted and saved.</source>
        <translation>Die Bilder konnten nicht freigestellt und gespeichert werden.</translation>
    </message>
    <message>
        <source>Cancelled: %1 saved</source>
        <translation>Abgebrochen: %1 gespeichert</translation>
    </message>
    <message>
        <source>%1 saved</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Saved the outputs of %1 image pair(s) into %2</source>
        <translation>Ausgaben von %1 Bildpaar(en) nach %2 gespeichert</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Übersprungen: %1</translation>
    </message>
    <message>
        <source>Some images were skipped</source>
        <translation>Einige Bilder wurden übersprungen</translation>
    </message>
    <message>
        <source>%1 of %2 image pair(s) could not be matted; the others were saved.</source>
        <translation>%1 von %2 Bildpaar(en) konnten nicht freigestellt werden; die übrigen wurden gespeichert.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Matte the selected pair and show it</source>
        <translation>Das ausgewählte Paar freistellen und anzeigen</translation>
    </message>
    <message>
        <source>Matte and save all</source>
        <translation>Alle freistellen und speichern</translation>
    </message>
    <message>
        <source>Images as --batch matte writes them; each video into &lt;output&gt;/&lt;name&gt;/&lt;type&gt;.mp4</source>
        <translation>Bilder so, wie --batch matte sie schreibt; jedes Video nach &lt;output&gt;/&lt;name&gt;/&lt;type&gt;.mp4</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Composite</source>
        <translation>Komposit</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <source>Foreground</source>
        <translation>Vordergrund</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Refinement</source>
        <translation>Verfeinerung</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Checkerboard</source>
        <translation>Schachbrett</translation>
    </message>
    <message>
        <source>Solid colour…</source>
        <translation>Einfarbig…</translation>
    </message>
    <message>
        <source>Background image…</source>
        <translation>Hintergrundbild…</translation>
    </message>
    <message>
        <source>Before/after</source>
        <translation>Vorher/nachher</translation>
    </message>
    <message>
        <source>Source on the left of the divider, the result on the right; drag the divider</source>
        <translation>Links der Trennlinie die Quelle, rechts das Ergebnis; die Trennlinie lässt sich ziehen</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <source>One image pixel per screen pixel</source>
        <translation>Ein Bildpixel pro Bildschirmpixel</translation>
    </message>
</context>
<context>
    <name>ms::ui::NewProjectDialog</name>
    <message>
        <source>Project folder</source>
        <translation>Projektordner</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>Datensatzordner</translation>
    </message>
    <message>
        <source>Give the project a name.</source>
        <translation>Geben Sie dem Projekt einen Namen.</translation>
    </message>
    <message>
        <source>Choose a folder for the project.</source>
        <translation>Wählen Sie einen Ordner für das Projekt.</translation>
    </message>
    <message>
        <source>This folder holds a project already; open it instead.</source>
        <translation>Dieser Ordner enthält bereits ein Projekt; öffnen Sie es stattdessen.</translation>
    </message>
    <message>
        <source>The project folder is a file.</source>
        <translation>Der Projektordner ist eine Datei.</translation>
    </message>
    <message>
        <source>The dataset folder does not exist.</source>
        <translation>Der Datensatzordner existiert nicht.</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Dataset (optional):</source>
        <translation>Datensatz (optional):</translation>
    </message>
    <message>
        <source>folder with dataset.json; can be set later</source>
        <translation>Ordner mit dataset.json; auch später einstellbar</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ms::ui::PreviewView</name>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Pick a checkpoint and images, then Preview. Drop image files here to add them.</source>
        <translation>Wählen Sie einen Checkpoint und Bilder, dann Vorschau. Bilddateien können hier abgelegt werden.</translation>
    </message>
</context>
<context>
    <name>ms::ui::RefineForm</name>
    <message>
        <source>Refine mode:</source>
        <translation>Verfeinerungsmodus:</translation>
    </message>
    <message>
        <source>full (every pixel)</source>
        <translation>voll (jedes Pixel)</translation>
    </message>
    <message>
        <source>sampling (fixed pixel count)</source>
        <translation>Stichprobe (feste Pixelzahl)</translation>
    </message>
    <message>
        <source>thresholding (error above threshold)</source>
        <translation>Schwellwert (Fehler über Schwelle)</translation>
    </message>
    <message>
        <source>How the refiner picks the pixels it refines at full resolution (MattingRefine; a MattingBase checkpoint ignores these settings)</source>
        <translation>Wie die Verfeinerung die Pixel wählt, die sie in voller Auflösung verfeinert (MattingRefine; ein MattingBase-Checkpoint ignoriert diese Einstellungen)</translation>
    </message>
    <message>
        <source>Sample pixels:</source>
        <translation>Stichprobenpixel:</translation>
    </message>
    <message>
        <source>Threshold:</source>
        <translation>Schwellwert:</translation>
    </message>
    <message>
        <source>Backbone scale:</source>
        <translation>Backbone-Skalierung:</translation>
    </message>
    <message>
        <source>Resolution of the coarse pass relative to the image (MattingRefine)</source>
        <translation>Auflösung des groben Durchgangs relativ zum Bild (MattingRefine)</translation>
    </message>
</context>
<context>
    <name>ms::ui::ScreenshotTour</name>
    <message>
        <source>Before training (untrained network)</source>
        <translation>Vor dem Training (untrainiertes Netz)</translation>
    </message>
    <message>
        <source>After the demo&apos;s training run</source>
        <translation>Nach dem Training der Demo</translation>
    </message>
</context>
<context>
    <name>ms::ui::TextDialog</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>ms::ui::TrainingForm</name>
    <message>
        <source>optional: warm start from a checkpoint</source>
        <translation>optional: Warmstart von einem Checkpoint</translation>
    </message>
    <message>
        <source>optional: DeepLabV3 / torchvision weights</source>
        <translation>optional: DeepLabV3- / torchvision-Gewichte</translation>
    </message>
    <message>
        <source>folder with dataset.json</source>
        <translation>Ordner mit dataset.json</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>%1
Default: %2</source>
        <translation>%1
Standard: %2</translation>
    </message>
    <message>
        <source>Base (MattingBase, coarse network)</source>
        <translation>Basis (MattingBase, grobes Netz)</translation>
    </message>
    <message>
        <source>Refine (MattingRefine, full resolution)</source>
        <translation>Verfeinerung (MattingRefine, volle Auflösung)</translation>
    </message>
    <message>
        <source>Stage defaults</source>
        <translation>Standardwerte der Stufe</translation>
    </message>
    <message>
        <source>Reset sizes, intervals and refinement to the reference&apos;s defaults for this stage</source>
        <translation>Größen, Intervalle und Verfeinerung auf die Standardwerte der Referenz für diese Stufe zurücksetzen</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Prüfe…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Look through the dataset&apos;s files and report what the engine finds</source>
        <translation>Die Dateien des Datensatzes durchsehen und melden, was die Engine findet</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <source>Logging and checkpoints</source>
        <translation>Protokoll und Checkpoints</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführung</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>Augmentierung</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>mattingbase (the coarse network) or mattingrefine (with the refiner).</source>
        <translation>mattingbase (das grobe Netz) oder mattingrefine (mit dem Verfeinerer).</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>Backbone</translation>
    </message>
    <message>
        <source>resnet50, resnet101 or mobilenetv2.</source>
        <translation>resnet50, resnet101 oder mobilenetv2.</translation>
    </message>
    <message>
        <source>Backbone scale</source>
        <translation>Backbone-Skalierung</translation>
    </message>
    <message>
        <source>Refine: the scale of the coarse pass.</source>
        <translation>Verfeinerung: der Maßstab des groben Durchlaufs.</translation>
    </message>
    <message>
        <source>Refine mode</source>
        <translation>Verfeinerungsmodus</translation>
    </message>
    <message>
        <source>Refine: full, sampling or thresholding.</source>
        <translation>Verfeinerung: full, sampling oder thresholding.</translation>
    </message>
    <message>
        <source>Sample pixels</source>
        <translation>Stichprobenpixel</translation>
    </message>
    <message>
        <source>Refine: pixels refined in sampling mode.</source>
        <translation>Verfeinerung: im Modus sampling verfeinerte Pixel.</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellwert</translation>
    </message>
    <message>
        <source>Refine: the error threshold of thresholding mode.</source>
        <translation>Verfeinerung: die Fehlerschwelle des Modus thresholding.</translation>
    </message>
    <message>
        <source>Refiner kernel</source>
        <translation>Kernel der Verfeinerung</translation>
    </message>
    <message>
        <source>Refine: the refiner&apos;s kernel size, 1 or 3.</source>
        <translation>Verfeinerung: die Kernelgröße des Verfeinerers, 1 oder 3.</translation>
    </message>
    <message>
        <source>Model name</source>
        <translation>Modellname</translation>
    </message>
    <message>
        <source>Run name: checkpoint/&lt;name&gt;, log/&lt;name&gt;.</source>
        <translation>Name des Laufs: checkpoint/&lt;name&gt;, log/&lt;name&gt;.</translation>
    </message>
    <message>
        <source>Initial weights</source>
        <translation>Anfangsgewichte</translation>
    </message>
    <message>
        <source>Start from these weights (matched by name and shape).</source>
        <translation>Mit diesen Gewichten beginnen (nach Name und Form zugeordnet).</translation>
    </message>
    <message>
        <source>Pretrained backbone</source>
        <translation>Vortrainiertes Backbone</translation>
    </message>
    <message>
        <source>DeepLabV3 (VainF) or torchvision backbone weights to start from.</source>
        <translation>Backbone-Gewichte von DeepLabV3 (VainF) oder torchvision als Ausgangspunkt.</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Dataset config (JSON) or a folder holding dataset.json.</source>
        <translation>Datensatz-Konfiguration (JSON) oder ein Ordner mit dataset.json.</translation>
    </message>
    <message>
        <source>Training size (px)</source>
        <translation>Trainingsgröße (px)</translation>
    </message>
    <message>
        <source>Sample size N before the random crop to N/2..N.</source>
        <translation>Bildgröße N vor dem zufälligen Ausschnitt auf N/2..N.</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Samples per step (with --nproc, the global batch).</source>
        <translation>Beispiele pro Schritt (mit --nproc der globale Batch).</translation>
    </message>
    <message>
        <source>Loader threads</source>
        <translation>Lade-Threads</translation>
    </message>
    <message>
        <source>Data loading threads.</source>
        <translation>Threads zum Laden der Daten.</translation>
    </message>
    <message>
        <source>Validation samples</source>
        <translation>Validierungsbeispiele</translation>
    </message>
    <message>
        <source>Size of the fixed validation subset.</source>
        <translation>Größe der festen Validierungsteilmenge.</translation>
    </message>
    <message>
        <source>First epoch</source>
        <translation>Erste Epoche</translation>
    </message>
    <message>
        <source>First epoch.</source>
        <translation>Erste Epoche.</translation>
    </message>
    <message>
        <source>End epoch (exclusive)</source>
        <translation>Endepoche (exklusiv)</translation>
    </message>
    <message>
        <source>End epoch, exclusive.</source>
        <translation>Letzte Epoche, ausschließlich.</translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation>Max. Schritte</translation>
    </message>
    <message>
        <source>Stop after this global step count (0: no limit).</source>
        <translation>Nach dieser globalen Schrittzahl anhalten (0: keine Grenze).</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <source>Random seed.</source>
        <translation>Startwert des Zufallsgenerators.</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Multiplies the reference&apos;s per-module learning rates.</source>
        <translation>Vervielfacht die Lernraten der Referenz pro Modul.</translation>
    </message>
    <message>
        <source>Cosine decay of the learning rate to the last step</source>
        <translation>Kosinus-Abfall der Lernrate bis zum letzten Schritt</translation>
    </message>
    <message>
        <source>Decay the learning rates along a cosine to 0 at the run&apos;s last step (off: constant, as the reference).</source>
        <translation>Die Lernraten entlang eines Kosinus bis zum letzten Schritt auf 0 senken (aus: konstant, wie die Referenz).</translation>
    </message>
    <message>
        <source>Alpha gradient through the clamp</source>
        <translation>Alpha-Gradient durch die Begrenzung</translation>
    </message>
    <message>
        <source>Let the alpha losses&apos; gradient pass the [0, 1] clamp, so a run cannot get stuck predicting an empty matte (off: the reference&apos;s clamp).</source>
        <translation>Den Gradienten der Alpha-Verluste durch die Begrenzung auf [0, 1] lassen, damit ein Lauf nicht bei einer leeren Maske hängen bleibt (aus: die Begrenzung der Referenz).</translation>
    </message>
    <message>
        <source>Mixed precision (CUDA)</source>
        <translation>Gemischte Genauigkeit (CUDA)</translation>
    </message>
    <message>
        <source>Mixed precision where the device supports it (CUDA).</source>
        <translation>Gemischte Genauigkeit, wo das Gerät sie unterstützt (CUDA).</translation>
    </message>
    <message>
        <source>Log loss every (steps)</source>
        <translation>Verlust protokollieren alle (Schritte)</translation>
    </message>
    <message>
        <source>Steps between loss logs.</source>
        <translation>Schritte zwischen Verlust-Protokollen.</translation>
    </message>
    <message>
        <source>Sample images every</source>
        <translation>Beispielbilder alle</translation>
    </message>
    <message>
        <source>Steps between image logs.</source>
        <translation>Schritte zwischen Bild-Protokollen.</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>Validieren alle</translation>
    </message>
    <message>
        <source>Steps between validations.</source>
        <translation>Schritte zwischen Validierungen.</translation>
    </message>
    <message>
        <source>Count intervals per epoch (as the reference)</source>
        <translation>Intervalle je Epoche zählen (wie die Referenz)</translation>
    </message>
    <message>
        <source>The log intervals count batches within each epoch, as the reference does (off: optimizer steps since the start).</source>
        <translation>Die Protokollintervalle zählen Batches innerhalb jeder Epoche, wie die Referenz (aus: Optimiererschritte seit dem Start).</translation>
    </message>
    <message>
        <source>Checkpoint every</source>
        <translation>Checkpoint alle</translation>
    </message>
    <message>
        <source>Steps between checkpoints.</source>
        <translation>Schritte zwischen Checkpoints.</translation>
    </message>
    <message>
        <source>Keep newest</source>
        <translation>Neueste behalten</translation>
    </message>
    <message>
        <source>Keep only the newest K checkpoints, epoch-end and interval ones alike (0: all; best.pth stays).</source>
        <translation>Nur die neuesten K Checkpoints behalten, am Epochenende wie im Intervall (0: alle; best.pth bleibt).</translation>
    </message>
    <message>
        <source>Also keep the best checkpoint (best.pth)</source>
        <translation>Zusätzlich den besten Checkpoint behalten (best.pth)</translation>
    </message>
    <message>
        <source>Also keep best.pth, the checkpoint with the lowest validation loss.</source>
        <translation>Auch best.pth behalten, den Checkpoint mit dem geringsten Validierungsverlust.</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <source>Where checkpoint/ and log/ go.</source>
        <translation>Wohin checkpoint/ und log/ kommen.</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>cpu, cuda, cuda:N or mps.</source>
        <translation>cpu, cuda, cuda:N oder mps.</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>Intra-op threads (0: all cores).</source>
        <translation>Threads innerhalb einer Operation (0: alle Kerne).</translation>
    </message>
    <message>
        <source>Distributed backend</source>
        <translation>Verteiltes Backend</translation>
    </message>
    <message>
        <source>Distributed: auto (NCCL on CUDA devices where this build has it, else Gloo), nccl or gloo.</source>
        <translation>Verteilt: auto (NCCL auf CUDA-Geräten, wo dieser Build es hat, sonst Gloo), nccl oder gloo.</translation>
    </message>
    <message>
        <source>Affine (per sample)</source>
        <translation>Affin (je Beispiel)</translation>
    </message>
    <message>
        <source>Flip</source>
        <translation>Spiegeln</translation>
    </message>
    <message>
        <source>Blur</source>
        <translation>Weichzeichnen</translation>
    </message>
    <message>
        <source>Sharpen</source>
        <translation>Schärfen</translation>
    </message>
    <message>
        <source>Colour jitter</source>
        <translation>Farbvariation</translation>
    </message>
    <message>
        <source>Shadow (per batch)</source>
        <translation>Schatten (je Batch)</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>Rauschen</translation>
    </message>
    <message>
        <source>Background jitter</source>
        <translation>Hintergrund-Farbvariation</translation>
    </message>
    <message>
        <source>Background affine</source>
        <translation>Hintergrund affin</translation>
    </message>
    <message>
        <source>Random crop</source>
        <translation>Zufälliger Ausschnitt</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>base %1, refine %2</source>
        <translation>Basis %1, Verfeinerung %2</translation>
    </message>
</context>
<context>
    <name>ms::ui::TrainingPanel</name>
    <message>
        <source>Training settings reset</source>
        <translation>Trainingseinstellungen zurückgesetzt</translation>
    </message>
    <message>
        <source>The project&apos;s training settings could not be read; the defaults are shown.</source>
        <translation>Die Trainingseinstellungen des Projekts konnten nicht gelesen werden; die Standardwerte werden angezeigt.</translation>
    </message>
    <message>
        <source>The dataset %1 does not exist.</source>
        <translation>Der Datensatz %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The dataset folder has no dataset.json.</source>
        <translation>Der Datensatzordner enthält keine dataset.json.</translation>
    </message>
    <message>
        <source>initial checkpoint</source>
        <translation>Anfangs-Checkpoint</translation>
    </message>
    <message>
        <source>pretrained weights</source>
        <translation>vortrainierten Gewichte</translation>
    </message>
    <message>
        <source>The %1 %2 does not exist.</source>
        <translation>Die Datei für %1 (%2) existiert nicht.</translation>
    </message>
    <message>
        <source>Open a project first: it holds the checkpoints and logs.</source>
        <translation>Öffnen Sie zuerst ein Projekt: es nimmt die Checkpoints und Protokolle auf.</translation>
    </message>
    <message>
        <source>Cannot start training</source>
        <translation>Training kann nicht starten</translation>
    </message>
    <message>
        <source>The training settings need attention.</source>
        <translation>Die Trainingseinstellungen müssen korrigiert werden.</translation>
    </message>
    <message>
        <source>No dataset</source>
        <translation>Kein Datensatz</translation>
    </message>
    <message>
        <source>Choose a dataset folder (with dataset.json) first.</source>
        <translation>Wählen Sie zuerst einen Datensatzordner (mit dataset.json).</translation>
    </message>
    <message>
        <source>Dataset check failed</source>
        <translation>Datensatzprüfung fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 could not be read as a dataset.</source>
        <translation>%1 konnte nicht als Datensatz gelesen werden.</translation>
    </message>
    <message>
        <source>Dataset check: ready for training</source>
        <translation>Datensatzprüfung: bereit zum Training</translation>
    </message>
    <message>
        <source>Dataset check: problems found</source>
        <translation>Datensatzprüfung: Probleme gefunden</translation>
    </message>
    <message>
        <source>Dataset check of %1: ready</source>
        <translation>Datensatzprüfung von %1: bereit</translation>
    </message>
    <message>
        <source>Dataset check of %1 found problems</source>
        <translation>Datensatzprüfung von %1 hat Probleme gefunden</translation>
    </message>
    <message>
        <source>The earlier training log could not be read: %1</source>
        <translation>Das frühere Trainingsprotokoll konnte nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>ms::ui::TrainingRunController</name>
    <message>
        <source>Training %1: steps %2 to %3</source>
        <translation>Training von %1: Schritte %2 bis %3</translation>
    </message>
    <message>
        <source>Checkpoint saved at step %1: %2</source>
        <translation>Checkpoint bei Schritt %1 gespeichert: %2</translation>
    </message>
    <message>
        <source>Step %1 — rows: predicted alpha, composite, ground truth</source>
        <translation>Schritt %1 — Zeilen: vorhergesagtes Alpha, Komposit, Sollwert</translation>
    </message>
    <message>
        <source>Starting training of %1</source>
        <translation>Training von %1 startet</translation>
    </message>
    <message>
        <source>Resuming training from %1</source>
        <translation>Training wird ab %1 fortgesetzt</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>Training abgebrochen</translation>
    </message>
    <message>
        <source>The training run ended with an error.</source>
        <translation>Das Training endete mit einem Fehler.</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>Beenden nach diesem Schritt…</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Step %1 / %2</source>
        <translation>Schritt %1 / %2</translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation>Epoche %1</translation>
    </message>
    <message>
        <source>%1 images/s</source>
        <translation>%1 Bilder/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Start a new training run with these settings</source>
        <translation>Ein neues Training mit diesen Einstellungen starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Finish the current step, save a checkpoint and stop</source>
        <translation>Aktuellen Schritt abschließen, Checkpoint speichern und beenden</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Resume exactly from the last checkpoint of this run</source>
        <translation>Exakt ab dem letzten Checkpoint dieses Trainings fortsetzen</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Validation metrics</source>
        <translation>Validierungsmetriken</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>geglättet</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>SAD</source>
        <translation>SAD</translation>
    </message>
    <message>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>Gradient</translation>
    </message>
    <message>
        <source>Connectivity</source>
        <translation>Konnektivität</translation>
    </message>
    <message>
        <source>metric (validation)</source>
        <translation>Metrik (Validierung)</translation>
    </message>
    <message>
        <source>Sample predictions appear here during training.</source>
        <translation>Beispielvorhersagen erscheinen hier während des Trainings.</translation>
    </message>
</context>
<context>
    <name>ms::ui::VideoScrubber</name>
    <message>
        <source>Frame %1 / %2</source>
        <translation>Bild %1 / %2</translation>
    </message>
    <message>
        <source>Play the matted video from this frame (frames the network has no time for are skipped)</source>
        <translation>Das freigestellte Video ab diesem Bild abspielen (Bilder, für die das Netz keine Zeit hat, werden übersprungen)</translation>
    </message>
    <message>
        <source>Frame to preview; matted frames are kept, so going back is instant</source>
        <translation>Bild für die Vorschau; freigestellte Bilder bleiben erhalten, sodass das Zurückgehen sofort geht</translation>
    </message>
</context>
<context>
    <name>ms::ui::WelcomePage</name>
    <message>
        <source>MatteStudio</source>
        <translation>MatteStudio</translation>
    </message>
    <message>
        <source>Train and use background-matting networks (BackgroundMattingV2): a project keeps a dataset, training settings, checkpoints and logs together.</source>
        <translation>Hintergrund-Freistellungsnetze (BackgroundMattingV2) trainieren und verwenden: ein Projekt hält Datensatz, Trainingseinstellungen, Checkpoints und Protokolle zusammen.</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>Neues Projekt…</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>Projekt öffnen…</translation>
    </message>
    <message>
        <source>Open the demo project</source>
        <translation>Demoprojekt öffnen</translation>
    </message>
    <message>
        <source>A ready-made project with a synthetic dataset and sample images</source>
        <translation>Ein fertiges Projekt mit synthetischem Datensatz und Beispielbildern</translation>
    </message>
    <message>
        <source>Recent projects (double-click to open)</source>
        <translation>Zuletzt geöffnete Projekte (Doppelklick zum Öffnen)</translation>
    </message>
</context>
</TS>
