/**
 * What each `AppError` code means, for the agent: the UI shows `t(`errors.${code}`, params)` in its language (see
 * `describeError` in `lib/errors.ts`). Every code thrown in `lib/` has a key here (checked by a test); a `{name}`
 * placeholder is used only where every place that throws the code passes that parameter.
 */
export const en = {
  'errors.adapter/anchor-missing':
    "Can't read this conversation on {site} (missing: {anchor}) — select the text or pick the conversation area",
  'errors.adapter/no-access':
    'Rapport has no access to this page. Use the toolbar button or shortcut on the page to grant access.',
  'errors.adapter/no-conversation':
    'No conversation is open here — open a ticket or message, or select the customer’s message',
  'errors.adapter/no-selection': 'Select the conversation text on the page first.',
  'errors.adapter/pick-cancelled': 'Picking was cancelled.',
  'errors.adapter/insert-not-shown': 'The text did not appear in the visible reply editor — it was not inserted.',
  'errors.adapter/reply-box-closed': 'The reply box on {site} did not open — click Reply, then try again',
  'errors.adapter/reply-box-missing': 'No reply box found on {site} — click into the reply field, then try again',
  'errors.adapter/reply-editor-hidden': 'The reply editor is not visible — open the reply box, then try again',
  'errors.adapter/reply-field-missing':
    'No reply field found on this page — click into the reply field, then try again',
  'errors.adapter/read-failed':
    "Can't read this conversation on {site} — select the text or pick the conversation area",
  'errors.analysis/cancelled': 'The analysis was stopped.',
  'errors.analysis/model-failed': 'The mood model failed while analysing. Read the page again to retry.',
  'errors.analysis/model-output':
    'The mood model gave an answer Rapport does not understand. Choose another model in the settings.',
  'errors.api/bad-response': 'The helpdesk’s API gave an answer Rapport does not understand.',
  'errors.api/failed': 'The helpdesk’s API is not reachable.',
  'errors.api/forbidden': 'The helpdesk’s API gives no access to this ticket (403).',
  'errors.api/not-found': 'The helpdesk’s API does not know this ticket (404).',
  'errors.api/rate-limited': 'The helpdesk’s API got too many requests (429); Rapport tries again later.',
  'errors.api/timeout': 'The helpdesk’s API gave no answer in time.',
  'errors.api/unauthorized': 'You are not signed in to the helpdesk as an agent (401).',
  'errors.api/unsupported': 'Rapport reads this site from the page; it has no API reader for it.',
  'errors.escalation/not-configured': 'Escalation is not set up yet. Add a destination in the settings.',
  'errors.escalation/payload-invalid': 'Check the quotes, commas and braces around the placeholders.',
  'errors.escalation/wrong-site': 'This tab is not a Zendesk ticket.',
  'errors.internal/unexpected': 'Something went wrong inside Rapport. Reload the page and try again.',
  'errors.messaging/bad-answer': 'Another part of Rapport gave a malformed answer. Reload the page and try again.',
  'errors.messaging/bad-payload': 'Rapport refused a malformed request.',
  'errors.messaging/bad-sender': 'Rapport refused a request from a sender that may not make it.',
  'errors.messaging/context-invalidated': 'Rapport was reloaded or updated; reload the page to use it.',
  'errors.messaging/failed': 'A message inside Rapport could not be delivered. Reload the page and try again.',
  'errors.messaging/no-receiver': 'Nobody answered — the page or panel may have closed.',
  'errors.messaging/unsupported': 'This request cannot be sent from this page.',
  'errors.model/bad-answer': 'The analysis worker gave an unexpected answer. Read the page again.',
  'errors.model/bad-config': 'The model’s configuration lacks the labels Rapport needs.',
  'errors.model/bad-id': 'This is not a model id of the form organisation/name.',
  'errors.model/bad-mirror':
    'The mirror address is not usable: it must be an https address (http only for localhost) without user name or password.',
  'errors.model/bad-output': 'The model gave an output Rapport does not understand.',
  'errors.model/dev-figures-unavailable': 'The bundled model’s measured figures could not be read.',
  'errors.model/device-lost':
    'The GPU stopped responding. Try again; keep the tab in the foreground while the model writes.',
  'errors.model/download-failed':
    'The model could not be downloaded. Check your connection, the download hosts in the settings and the free disk space.',
  'errors.model/generation-failed': 'The writing model failed while writing. Try again.',
  'errors.model/host-gone': 'The analysis host closed before it answered; try again.',
  'errors.model/inference-failed': 'The chosen mood model failed; the bundled model was used instead.',
  'errors.model/library-unverified': 'The writing model’s program library did not match its checksum and was not run.',
  'errors.model/load-failed': 'The model could not be loaded.',
  'errors.model/no-local-host': 'The analysis runs in the extension’s offscreen document, not here.',
  'errors.model/not-found':
    'The model was not found where Rapport looked for it. Check the model id and the download hosts.',
  'errors.model/not-initialised': 'The analysis worker was not started yet. Read the page again.',
  'errors.model/not-loaded': 'The writing model is not loaded yet.',
  'errors.model/out-of-memory': 'Not enough GPU memory for the writing model. Choose a smaller model in the settings.',
  'errors.model/unsupported-labels': 'The model’s labels do not map onto sentiment or the support emotions.',
  'errors.model/webgpu-unavailable': 'WebGPU is not available here, so the writing model cannot run.',
  'errors.model/worker-failed': 'The analysis worker failed. Read the page again.',
  'errors.panel/copy-failed':
    'The browser did not let Rapport use the clipboard. Click into the panel, then try again.',
  'errors.panel/drawer-refused': 'This drawer was not opened by Rapport on this tab.',
  'errors.panel/no-message': 'That message is no longer in the conversation; read the page again.',
  'errors.replies/cancelled': 'Stopped by the agent.',
  'errors.replies/no-templates':
    'No team template fits this conversation (language, Sie/Du or topic). Write the reply yourself or add a template.',
  'errors.replies/rewrite-unavailable': 'Rewriting needs the on-device writing model.',
  'errors.replies/summary-unavailable': 'Team templates write no summary; the quoted sentences stay.',
  'errors.replies/summary-preempted': 'A draft was asked for; the summary is written after it.',
  'errors.storage/escalation-not-saved': 'The escalation could not be saved in this browser, so nothing was sent.',
  'errors.templates/export-empty': 'There are no templates to export.',
  'errors.templates/fill-failed': 'A template could not be filled in.',
  'errors.templates/invalid': 'The template is not valid.',
  'errors.templates/not-found': 'This template no longer exists; it may have been removed.',
  'errors.templates/pack-entries-invalid': 'Some templates in this pack are not valid and were skipped.',
  'errors.templates/pack-http-error': 'The pack’s server answered with an error.',
  'errors.templates/pack-insecure-redirect':
    'The pack address redirected to an address that is not https. Ask whoever hosts the pack to serve it over https.',
  'errors.templates/pack-invalid': 'No template in this pack is valid.',
  'errors.templates/pack-malformed': 'The pack is not valid JSON.',
  'errors.templates/pack-managed': 'Your administrator subscribed everyone to this pack; it cannot be removed here.',
  'errors.templates/pack-not-found': 'There is no pack at this address.',
  'errors.templates/pack-sync-failed': 'The pack could not be updated. Rapport will try again later.',
  'errors.templates/pack-timeout': 'The pack’s server did not deliver the pack in time. Rapport will try again later.',
  'errors.templates/pack-too-large':
    'The pack is larger than Rapport downloads or imports. Split it into smaller packs.',
  'errors.templates/pack-too-many-redirects': 'The pack address redirects too many times.',
  'errors.templates/pack-unreachable': 'The pack’s server could not be reached. Check the address and your connection.',
  'errors.templates/pack-url-insecure': 'Team packs must be served over https (http only works for localhost).',
  'errors.templates/pack-url-invalid':
    'This is not a usable pack address: give a web address without user name or password.',
  'errors.templates/read-only':
    'This template comes from a pack and is read-only. Duplicate it to change your own copy.',
  'errors.templates/shortcut-taken': 'The shortcut is already used by another template. Choose another one.',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'errors.adapter/anchor-missing':
    'Diese Unterhaltung auf {site} lässt sich nicht lesen (es fehlt: {anchor}) – markieren Sie den Text oder wählen Sie den Unterhaltungsbereich aus',
  'errors.adapter/no-access':
    'Rapport hat keinen Zugriff auf diese Seite. Erlauben Sie ihn mit der Symbolleisten-Schaltfläche oder dem Tastenkürzel auf der Seite.',
  'errors.adapter/no-conversation':
    'Hier ist keine Unterhaltung geöffnet – öffnen Sie ein Ticket oder eine Nachricht oder markieren Sie die Nachricht der Kundschaft',
  'errors.adapter/no-selection': 'Markieren Sie zuerst den Text der Unterhaltung auf der Seite.',
  'errors.adapter/pick-cancelled': 'Die Auswahl wurde abgebrochen.',
  'errors.adapter/insert-not-shown':
    'Der Text ist im sichtbaren Antwort-Editor nicht erschienen – er wurde nicht eingefügt.',
  'errors.adapter/reply-box-closed':
    'Das Antwortfeld auf {site} hat sich nicht geöffnet – klicken Sie auf Antworten und versuchen Sie es erneut',
  'errors.adapter/reply-box-missing':
    'Kein Antwortfeld auf {site} gefunden – klicken Sie in das Antwortfeld und versuchen Sie es erneut',
  'errors.adapter/reply-editor-hidden':
    'Der Antwort-Editor ist nicht sichtbar – öffnen Sie das Antwortfeld und versuchen Sie es erneut',
  'errors.adapter/reply-field-missing':
    'Kein Antwortfeld auf dieser Seite gefunden – klicken Sie in das Antwortfeld und versuchen Sie es erneut',
  'errors.adapter/read-failed':
    'Diese Unterhaltung auf {site} lässt sich nicht lesen – markieren Sie den Text oder wählen Sie den Unterhaltungsbereich aus',
  'errors.analysis/cancelled': 'Die Analyse wurde abgebrochen.',
  'errors.analysis/model-failed':
    'Das Stimmungsmodell ist bei der Analyse gescheitert. Lesen Sie die Seite erneut, um es noch einmal zu versuchen.',
  'errors.analysis/model-output':
    'Das Stimmungsmodell hat eine Antwort gegeben, die Rapport nicht versteht. Wählen Sie in den Einstellungen ein anderes Modell.',
  'errors.api/bad-response': 'Die API des Helpdesks hat eine Antwort gegeben, die Rapport nicht versteht.',
  'errors.api/failed': 'Die API des Helpdesks ist nicht erreichbar.',
  'errors.api/forbidden': 'Die API des Helpdesks gibt keinen Zugriff auf dieses Ticket (403).',
  'errors.api/not-found': 'Die API des Helpdesks kennt dieses Ticket nicht (404).',
  'errors.api/rate-limited':
    'Die API des Helpdesks hat zu viele Anfragen erhalten (429); Rapport versucht es später erneut.',
  'errors.api/timeout': 'Die API des Helpdesks hat nicht rechtzeitig geantwortet.',
  'errors.api/unauthorized': 'Sie sind im Helpdesk nicht als Agent angemeldet (401).',
  'errors.api/unsupported': 'Rapport liest diese Website von der Seite; für sie gibt es keinen API-Zugang.',
  'errors.escalation/not-configured':
    'Die Eskalation ist noch nicht eingerichtet. Legen Sie in den Einstellungen ein Ziel fest.',
  'errors.escalation/payload-invalid': 'Prüfen Sie die Anführungszeichen, Kommas und Klammern um die Platzhalter.',
  'errors.escalation/wrong-site': 'Dieser Tab zeigt kein Zendesk-Ticket.',
  'errors.internal/unexpected':
    'In Rapport ist etwas schiefgelaufen. Laden Sie die Seite neu und versuchen Sie es noch einmal.',
  'errors.messaging/bad-answer':
    'Ein anderer Teil von Rapport hat eine fehlerhafte Antwort gegeben. Laden Sie die Seite neu und versuchen Sie es noch einmal.',
  'errors.messaging/bad-payload': 'Rapport hat eine fehlerhafte Anfrage abgelehnt.',
  'errors.messaging/bad-sender': 'Rapport hat eine Anfrage von einem Absender abgelehnt, der sie nicht stellen darf.',
  'errors.messaging/context-invalidated':
    'Rapport wurde neu geladen oder aktualisiert; laden Sie die Seite neu, um es zu verwenden.',
  'errors.messaging/failed':
    'Eine Nachricht innerhalb von Rapport konnte nicht zugestellt werden. Laden Sie die Seite neu und versuchen Sie es noch einmal.',
  'errors.messaging/no-receiver': 'Keine Antwort – die Seite oder die Seitenleiste wurde womöglich geschlossen.',
  'errors.messaging/unsupported': 'Diese Anfrage kann von dieser Seite nicht gesendet werden.',
  'errors.model/bad-answer': 'Der Analyse-Worker hat unerwartet geantwortet. Lesen Sie die Seite erneut.',
  'errors.model/bad-config': 'Der Konfiguration des Modells fehlen die Labels, die Rapport braucht.',
  'errors.model/bad-id': 'Das ist keine Modell-ID der Form Organisation/Name.',
  'errors.model/bad-mirror':
    'Die Spiegel-Adresse ist nicht verwendbar: Sie muss eine https-Adresse sein (http nur für localhost), ohne Benutzername und Passwort.',
  'errors.model/bad-output': 'Das Modell hat eine Ausgabe geliefert, die Rapport nicht versteht.',
  'errors.model/dev-figures-unavailable': 'Die gemessenen Werte des mitgelieferten Modells ließen sich nicht lesen.',
  'errors.model/device-lost':
    'Die GPU hat nicht mehr reagiert. Versuchen Sie es noch einmal und lassen Sie den Tab im Vordergrund, während das Modell schreibt.',
  'errors.model/download-failed':
    'Das Modell konnte nicht geladen werden. Prüfen Sie die Verbindung, die Download-Server in den Einstellungen und den freien Speicherplatz.',
  'errors.model/generation-failed': 'Das Schreibmodell ist beim Schreiben gescheitert. Versuchen Sie es noch einmal.',
  'errors.model/host-gone':
    'Der Analyse-Host wurde geschlossen, bevor er geantwortet hat; versuchen Sie es noch einmal.',
  'errors.model/inference-failed':
    'Das gewählte Stimmungsmodell ist gescheitert; stattdessen wurde das mitgelieferte Modell verwendet.',
  'errors.model/library-unverified':
    'Die Programmbibliothek des Schreibmodells passte nicht zu ihrer Prüfsumme und wurde nicht ausgeführt.',
  'errors.model/load-failed': 'Das Modell konnte nicht gestartet werden.',
  'errors.model/no-local-host': 'Die Analyse läuft im Offscreen-Dokument der Erweiterung, nicht hier.',
  'errors.model/not-found':
    'Das Modell wurde dort, wo Rapport gesucht hat, nicht gefunden. Prüfen Sie die Modell-ID und die Download-Server.',
  'errors.model/not-initialised': 'Der Analyse-Worker wurde noch nicht gestartet. Lesen Sie die Seite erneut.',
  'errors.model/not-loaded': 'Das Schreibmodell ist noch nicht geladen.',
  'errors.model/out-of-memory':
    'Nicht genug GPU-Speicher für das Schreibmodell. Wählen Sie in den Einstellungen ein kleineres Modell.',
  'errors.model/unsupported-labels':
    'Die Labels des Modells lassen sich nicht auf Stimmung oder die Support-Emotionen abbilden.',
  'errors.model/webgpu-unavailable': 'WebGPU ist hier nicht verfügbar, daher kann das Schreibmodell nicht laufen.',
  'errors.model/worker-failed': 'Der Analyse-Worker ist abgestürzt. Lesen Sie die Seite erneut.',
  'errors.panel/copy-failed':
    'Der Browser hat Rapport die Zwischenablage nicht erlaubt. Klicken Sie in die Seitenleiste und versuchen Sie es erneut.',
  'errors.panel/drawer-refused': 'Diese Seitenleiste wurde nicht von Rapport in diesem Tab geöffnet.',
  'errors.panel/no-message': 'Diese Nachricht ist nicht mehr in der Unterhaltung; lesen Sie die Seite erneut.',
  'errors.replies/cancelled': 'Vom Agenten gestoppt.',
  'errors.replies/no-templates':
    'Keine Team-Vorlage passt zu dieser Unterhaltung (Sprache, Sie/Du oder Thema). Schreiben Sie die Antwort selbst oder fügen Sie eine Vorlage hinzu.',
  'errors.replies/rewrite-unavailable': 'Zum Umformulieren wird das Schreibmodell auf diesem Gerät gebraucht.',
  'errors.replies/summary-unavailable': 'Teamvorlagen schreiben keine Zusammenfassung; die zitierten Sätze bleiben.',
  'errors.replies/summary-preempted': 'Ein Entwurf wurde angefordert; die Zusammenfassung folgt danach.',
  'errors.storage/escalation-not-saved':
    'Die Eskalation konnte in diesem Browser nicht gespeichert werden, daher wurde nichts gesendet.',
  'errors.templates/export-empty': 'Es gibt keine Vorlagen zum Exportieren.',
  'errors.templates/fill-failed': 'Eine Vorlage konnte nicht ausgefüllt werden.',
  'errors.templates/invalid': 'Die Vorlage ist ungültig.',
  'errors.templates/not-found': 'Diese Vorlage gibt es nicht mehr; sie wurde womöglich entfernt.',
  'errors.templates/pack-entries-invalid': 'Einige Vorlagen in diesem Paket sind ungültig und wurden übersprungen.',
  'errors.templates/pack-http-error': 'Der Server des Pakets hat mit einem Fehler geantwortet.',
  'errors.templates/pack-insecure-redirect':
    'Die Paket-Adresse hat auf eine Adresse ohne https weitergeleitet. Bitten Sie die Betreiber des Pakets, es über https bereitzustellen.',
  'errors.templates/pack-invalid': 'Keine Vorlage in diesem Paket ist gültig.',
  'errors.templates/pack-malformed': 'Das Paket ist kein gültiges JSON.',
  'errors.templates/pack-managed':
    'Ihre Administration hat alle für dieses Paket angemeldet; es kann hier nicht entfernt werden.',
  'errors.templates/pack-not-found': 'Unter dieser Adresse gibt es kein Paket.',
  'errors.templates/pack-sync-failed': 'Das Paket konnte nicht aktualisiert werden. Rapport versucht es später erneut.',
  'errors.templates/pack-timeout':
    'Der Server des Pakets hat das Paket nicht rechtzeitig geliefert. Rapport versucht es später erneut.',
  'errors.templates/pack-too-large':
    'Das Paket ist größer, als Rapport lädt oder importiert. Teilen Sie es in kleinere Pakete auf.',
  'errors.templates/pack-too-many-redirects': 'Die Paket-Adresse leitet zu oft weiter.',
  'errors.templates/pack-unreachable':
    'Der Server des Pakets war nicht erreichbar. Prüfen Sie die Adresse und Ihre Verbindung.',
  'errors.templates/pack-url-insecure':
    'Team-Pakete müssen über https bereitgestellt werden (http geht nur für localhost).',
  'errors.templates/pack-url-invalid':
    'Das ist keine verwendbare Paket-Adresse: Geben Sie eine Webadresse ohne Benutzername und Passwort an.',
  'errors.templates/read-only':
    'Diese Vorlage stammt aus einem Paket und ist schreibgeschützt. Duplizieren Sie sie, um Ihre eigene Kopie zu ändern.',
  'errors.templates/shortcut-taken':
    'Das Kürzel wird schon von einer anderen Vorlage verwendet. Wählen Sie ein anderes.',
};
