// The demo knowledge base: what a company helpdesk actually answers every week, in German and
// English, plus internal runbooks for levels 2 and 3. Figures (views, votes) make the lists and
// the wall show something.
import type { KbLanguage, KbStatus, KbVisibility } from '$lib/types/kb';

export interface DemoArticle {
	category: 'network' | 'hardware' | 'access' | 'software' | 'email' | 'printing' | 'other';
	language: KbLanguage;
	visibility: KbVisibility;
	/** Where it ends: most are published; one waits for review, one is a draft. */
	status: KbStatus;
	/** Who wrote it (demo account email). */
	author: string;
	/** Days ago it was written. */
	age: number;
	views: number;
	helpful: number;
	unhelpful: number;
	title: string;
	body: string;
}

export const DEMO_ARTICLES: DemoArticle[] = [
	// ───────────── Netzwerk & VPN ─────────────
	{
		category: 'network',
		language: 'de',
		visibility: 'public',
		status: 'published',
		author: 'l2@example.com',
		age: 120,
		views: 1840,
		helpful: 212,
		unhelpful: 9,
		title: 'VPN einrichten und verbinden (FortiClient)',
		body: `Mit dem VPN erreichen Sie von zu Hause oder unterwegs alle internen Anwendungen und Laufwerke.

## Einmalig einrichten

1. Öffnen Sie das **Software Center** und installieren Sie **FortiClient VPN**.
2. Starten Sie FortiClient und wählen Sie **VPN konfigurieren**.
3. Tragen Sie ein:
   - Verbindungsname: \`Firma\`
   - Remote-Gateway: \`vpn.example.com\`
   - Port: \`443\`
4. Speichern.

## Verbinden

1. Wählen Sie die Verbindung **Firma**.
2. Melden Sie sich mit Ihrer **Firmen-E-Mail-Adresse** und Ihrem Passwort an.
3. Bestätigen Sie die Anmeldung in der **Authenticator-App** auf Ihrem Handy.

Nach etwa zehn Sekunden zeigt FortiClient **Verbunden**. Netzlaufwerke erscheinen erst danach – öffnen Sie den Explorer bei Bedarf neu.

> Das VPN funktioniert nicht in manchen Hotel- und Gäste-WLANs, die Port 443 umleiten. Nutzen Sie dann den Hotspot Ihres Handys.

Siehe auch: [VPN trennt sich immer wieder](/kb/vpn-trennt-sich-immer-wieder).`
	},
	{
		category: 'network',
		language: 'de',
		visibility: 'public',
		status: 'published',
		author: 'l2@example.com',
		age: 95,
		views: 960,
		helpful: 101,
		unhelpful: 14,
		title: 'VPN trennt sich immer wieder',
		body: `Wenn die VPN-Verbindung alle paar Minuten abbricht, liegt es fast immer am WLAN oder am Energiesparmodus.

## Schnelle Hilfe

- **Netzwerkkabel** verwenden, wenn möglich.
- Im WLAN: näher an den Router, 5-GHz-Netz wählen.
- **Energiesparmodus** des Laptops für den Netzwerkadapter ausschalten: Geräte-Manager → Netzwerkadapter → Eigenschaften → Energieverwaltung → Haken bei „Computer kann das Gerät ausschalten“ entfernen.
- FortiClient auf die neueste Version aktualisieren (Software Center).

## Immer noch Abbrüche?

Erstellen Sie ein Ticket in der Kategorie **Netzwerk & VPN** und nennen Sie:

1. Uhrzeit der letzten Abbrüche,
2. ob Sie per WLAN oder Kabel verbunden sind,
3. Ihren Internetanbieter.

Wir prüfen dann die Protokolle des VPN-Gateways.`
	},
	{
		category: 'network',
		language: 'de',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 60,
		views: 610,
		helpful: 58,
		unhelpful: 3,
		title: 'Gast-WLAN: Zugang für Besucher',
		body: `Besucherinnen und Besucher nutzen das WLAN **Gast**. Es ist vom Firmennetz getrennt und erlaubt nur Internetzugang.

## Zugang erstellen

1. Öffnen Sie im Intranet **Service → Gast-WLAN**.
2. Tragen Sie Name und E-Mail-Adresse des Gastes sowie die Dauer ein (höchstens 7 Tage).
3. Der Gast erhält die Zugangsdaten per E-Mail; Sie sehen sie auch auf der Bestätigungsseite.

## Gut zu wissen

- Ein Zugang gilt für bis zu **drei Geräte**.
- Für Veranstaltungen mit mehr als 20 Gästen legen wir einen Sammelzugang an: bitte eine Woche vorher ein Ticket erstellen.
- Firmenlaptops gehören **nicht** ins Gast-WLAN – sie verbinden sich automatisch mit **Firma**.`
	},
	{
		category: 'network',
		language: 'en',
		visibility: 'public',
		status: 'published',
		author: 'l2@example.com',
		age: 118,
		views: 1320,
		helpful: 143,
		unhelpful: 11,
		title: 'Connect to the VPN from home',
		body: `The VPN gives you access to internal applications and network drives from anywhere.

## Set it up once

1. Install **FortiClient VPN** from the **Software Center**.
2. Open FortiClient and choose **Configure VPN**.
3. Enter:
   - Connection name: \`Company\`
   - Remote gateway: \`vpn.example.com\`
   - Port: \`443\`
4. Save.

## Connect

1. Pick the **Company** connection.
2. Sign in with your **company email address** and password.
3. Approve the sign-in in the **Authenticator app** on your phone.

After about ten seconds FortiClient shows **Connected**. Network drives appear only then: reopen Explorer if needed.

## It keeps disconnecting

Use a cable if you can, move closer to the router, and turn off power saving for the network adapter (Device Manager → Network adapters → Properties → Power Management). If it still drops, open a ticket under **Network & VPN** with the times it dropped.`
	},
	{
		category: 'network',
		language: 'en',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 58,
		views: 402,
		helpful: 37,
		unhelpful: 2,
		title: 'Guest Wi-Fi for visitors',
		body: `Visitors use the **Guest** Wi-Fi. It is separate from the company network and only reaches the internet.

1. Open **Service → Guest Wi-Fi** on the intranet.
2. Enter your guest's name, email address and how long they stay (up to 7 days).
3. Your guest receives the credentials by email; they are also shown on the confirmation page.

One access works on up to **three devices**. For events with more than 20 guests, open a ticket a week ahead and we create a shared access. Company laptops never join Guest: they connect to **Company** automatically.`
	},
	{
		category: 'network',
		language: 'en',
		visibility: 'internal',
		status: 'published',
		author: 'l3@example.com',
		age: 40,
		views: 88,
		helpful: 12,
		unhelpful: 0,
		title: 'Runbook: VPN gateway certificate renewal and capacity checks',
		body: `**Level 2 and 3 only.** Use this when many users report VPN failures at once, or before the certificate expires (monitoring warns 30 days ahead).

## Capacity

1. Sign in to the FortiGate admin UI (\`https://fw-01.internal\`) with your admin account.
2. Dashboard → **SSL-VPN monitor**: more than **1,800** concurrent tunnels means we are near the licence limit of 2,000.
3. If so, declare an incident ("VPN capacity") and ask staff to disconnect when they do not need it.

## Certificate renewal

1. Request the new certificate from the internal CA (template \`WebServer-2y\`) for \`vpn.example.com\`.
2. Import it under **System → Certificates**; do **not** delete the old one yet.
3. **VPN → SSL-VPN settings → Server certificate**: switch to the new one outside business hours.
4. Test with a client on a mobile hotspot; then delete the old certificate.

## Escalate

Hardware faults or HA failover problems: call the network on-call (see the on-call calendar) and note the ticket number.`
	},

	// ───────────── Konten & Zugänge ─────────────
	{
		category: 'access',
		language: 'de',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 150,
		views: 2630,
		helpful: 301,
		unhelpful: 17,
		title: 'Passwort vergessen oder abgelaufen: Passwort zurücksetzen',
		body: `Sie können Ihr Passwort selbst zurücksetzen – rund um die Uhr und ohne Ticket.

## So geht es

1. Öffnen Sie **https://passwort.example.com** (auch vom Handy aus).
2. Geben Sie Ihre Firmen-E-Mail-Adresse ein.
3. Bestätigen Sie mit der **Authenticator-App** oder dem Code per SMS.
4. Wählen Sie ein neues Passwort.

## Regeln für Passwörter

- mindestens **14 Zeichen**,
- nicht eines Ihrer letzten 10 Passwörter,
- keine Teile Ihres Namens.

Ein langer Satz wie \`Montags trinke ich 2 Kaffee!\` ist sicher und leicht zu merken.

## Danach

Melden Sie sich am Laptop **im Firmennetz oder mit VPN** einmal neu an, damit Windows das neue Passwort übernimmt. Auf dem Handy fragt Outlook nach dem neuen Passwort.

Konto gesperrt nach zu vielen Versuchen? Es entsperrt sich nach **15 Minuten** von selbst.`
	},
	{
		category: 'access',
		language: 'de',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 110,
		views: 1210,
		helpful: 134,
		unhelpful: 8,
		title: 'Mehr-Faktor-Authentifizierung (MFA) einrichten',
		body: `Für alle Anmeldungen von außerhalb des Firmennetzes brauchen Sie einen zweiten Faktor: die **Microsoft Authenticator**-App.

## Einrichten

1. Installieren Sie **Microsoft Authenticator** aus dem App Store oder Google Play.
2. Öffnen Sie am Computer **https://aka.ms/mfasetup** und melden Sie sich an.
3. Wählen Sie **Methode hinzufügen → Authenticator-App** und scannen Sie den QR-Code mit der App.
4. Bestätigen Sie die Testbenachrichtigung.

## Tipps

- Fügen Sie zusätzlich Ihre **Handynummer** als Ersatzmethode hinzu.
- Genehmigen Sie nie eine Anmeldung, die Sie nicht selbst gestartet haben – melden Sie sie uns sofort.

Neues Handy? Lesen Sie [MFA auf ein neues Handy umziehen](/kb/neues-handy-mfa-auf-ein-anderes-geraet-umziehen).`
	},
	{
		category: 'access',
		language: 'de',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 70,
		views: 530,
		helpful: 61,
		unhelpful: 4,
		title: 'Neues Handy: MFA auf ein anderes Gerät umziehen',
		body: `Bevor Sie das alte Handy zurücksetzen:

1. Installieren Sie **Microsoft Authenticator** auf dem neuen Handy.
2. Öffnen Sie am Computer **https://aka.ms/mfasetup**.
3. **Methode hinzufügen → Authenticator-App**, QR-Code mit dem neuen Handy scannen.
4. Stellen Sie das neue Gerät als **Standardmethode** ein.
5. Löschen Sie danach das alte Gerät aus der Liste.

Altes Handy schon weg oder defekt? Erstellen Sie ein Ticket in **Konten & Zugänge**. Wir setzen Ihre MFA nach einem Rückruf zur Identitätsprüfung zurück.`
	},
	{
		category: 'access',
		language: 'en',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 148,
		views: 1990,
		helpful: 240,
		unhelpful: 12,
		title: 'Reset a forgotten or expired password',
		body: `You can reset your password yourself, any time, without a ticket.

1. Go to **https://passwort.example.com** (works on your phone too).
2. Enter your company email address.
3. Confirm with the **Authenticator app** or a text message code.
4. Choose a new password: at least **14 characters**, not one of your last 10.

Then sign in on your laptop once **in the office or over VPN**, so Windows picks up the new password. Outlook on your phone will ask for it.

Locked out after too many attempts? Your account unlocks itself after **15 minutes**.`
	},
	{
		category: 'access',
		language: 'en',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 108,
		views: 870,
		helpful: 92,
		unhelpful: 6,
		title: 'Set up multi-factor authentication (MFA)',
		body: `Every sign-in from outside the company network needs a second factor: the **Microsoft Authenticator** app.

1. Install **Microsoft Authenticator** from the App Store or Google Play.
2. On your computer, open **https://aka.ms/mfasetup** and sign in.
3. Choose **Add method → Authenticator app** and scan the QR code with the app.
4. Approve the test notification.

Also add your **mobile number** as a backup method. Never approve a sign-in you did not start yourself: tell us at once.

**New phone?** Add the new phone the same way *before* you reset the old one, make it the default method, then remove the old device. If the old phone is already gone, open a ticket under **Accounts & access**: we reset your MFA after calling you back to confirm it is you.`
	},
	{
		category: 'access',
		language: 'en',
		visibility: 'internal',
		status: 'published',
		author: 'l3@example.com',
		age: 90,
		views: 214,
		helpful: 31,
		unhelpful: 1,
		title: 'Runbook: unlock an account and reset MFA',
		body: `**Staff only.** Identity checks first, always: MFA resets are the favourite trick of phishing callers.

## Verify the caller

1. Call back on the number in the **HR directory** (never the number the caller gives you).
2. Ask for the **employee number** and the **manager's name**.
3. Note both checks as an internal note on the ticket.

## Unlock

\`\`\`powershell
Unlock-ADAccount -Identity jdoe
Get-ADUser jdoe -Properties LockedOut, BadLogonCount
\`\`\`

Repeated lockouts within an hour usually mean an old password stored on a phone: ask the user to update Outlook on their phone.

## Reset MFA

1. Entra admin centre → **Users → jdoe → Authentication methods**.
2. **Require re-register multifactor authentication**.
3. Revoke sessions: **Revoke sessions** on the same page.
4. Ask the user to go to https://aka.ms/mfasetup within 30 minutes.

Level 3 (Identity & Access) takes over if the account is **privileged** (admin roles) or if the sign-in logs show foreign countries.`
	},

	// ───────────── Drucken ─────────────
	{
		category: 'printing',
		language: 'de',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 130,
		views: 1460,
		helpful: 155,
		unhelpful: 21,
		title: 'Drucker druckt nicht: Druckerwarteschlange leeren',
		body: `Hängt ein Druckauftrag, warten alle weiteren dahinter. So leeren Sie die Warteschlange:

1. **Einstellungen → Bluetooth und Geräte → Drucker und Scanner**.
2. Wählen Sie den Drucker und dann **Druckwarteschlange öffnen**.
3. Klicken Sie mit der rechten Maustaste auf jeden Auftrag → **Abbrechen**.
4. Drucken Sie erneut.

## Hilft das nicht?

- Prüfen Sie am Drucker: Papier, Toner, Papierstau, Fehlermeldung im Display.
- Drucken Sie eine Testseite auf einen **anderen** Drucker. Klappt das, liegt es am Gerät – nennen Sie im Ticket den Namen vom Aufkleber (z. B. \`PRN-3OG-02\`).
- Klappt gar kein Drucker, starten Sie den Laptop neu und verbinden Sie sich mit dem Firmennetz oder dem VPN.`
	},
	{
		category: 'printing',
		language: 'de',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 80,
		views: 720,
		helpful: 66,
		unhelpful: 5,
		title: 'Follow-Me-Druck: Ausdrucke am Drucker freigeben',
		body: `Alle Etagendrucker nutzen **Follow-Me**: Sie drucken auf \`FollowMe\` und holen den Ausdruck an einem beliebigen Drucker ab.

1. Drucken Sie wie gewohnt auf **FollowMe**.
2. Halten Sie Ihren **Mitarbeiterausweis** an das Lesegerät am Drucker.
3. Wählen Sie **Drucken** oder **Alle drucken**.

Aufträge bleiben **24 Stunden** gespeichert. Ausweis vergessen? Melden Sie sich am Drucker mit Personalnummer und PIN an (PIN im Intranet unter **Mein Profil**).`
	},
	{
		category: 'printing',
		language: 'en',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 128,
		views: 990,
		helpful: 97,
		unhelpful: 13,
		title: 'Printer not printing: clear the print queue',
		body: `One stuck job holds up every job behind it. To clear the queue:

1. **Settings → Bluetooth & devices → Printers & scanners**.
2. Pick the printer, then **Open print queue**.
3. Right-click each job → **Cancel**.
4. Print again.

Still nothing? Check the printer's display for paper, toner or a jam. Print a test page to **another** printer: if that works, the device is at fault — put the name from its sticker (e.g. \`PRN-3OG-02\`) in your ticket. If no printer works, restart your laptop and connect to the company network or the VPN.

Floor printers use **Follow-Me**: print to \`FollowMe\` and release the job at any printer with your badge.`
	},
	{
		category: 'printing',
		language: 'de',
		visibility: 'internal',
		status: 'published',
		author: 'l2@example.com',
		age: 45,
		views: 97,
		helpful: 14,
		unhelpful: 0,
		title: 'Runbook: Druckserver – hängenden Spooler neu starten',
		body: `**Nur für Level 2/3.** Wenn mehrere Personen derselben Etage nicht drucken können, hängt meist der Spooler auf \`PRINT-01\`.

## Prüfen

\`\`\`powershell
Get-Service -ComputerName PRINT-01 -Name Spooler
Get-PrintJob -ComputerName PRINT-01 -PrinterName FollowMe | Measure-Object
\`\`\`

Mehr als 500 Aufträge in \`FollowMe\` oder Status \`StopPending\`: Spooler neu starten.

## Neu starten

1. Im Ticket vermerken, wann Sie neu starten (interne Notiz).
2. \`Restart-Service -InputObject (Get-Service -ComputerName PRINT-01 -Name Spooler) -Force\`
3. Hängt der Dienst: Prozess \`spoolsv.exe\` beenden, Ordner \`C:\\Windows\\System32\\spool\\PRINTERS\` leeren, Dienst starten.

Aufträge der letzten Minuten gehen dabei verloren – Betroffene bitten, erneut zu drucken.`
	},

	// ───────────── E-Mail & Kalender ─────────────
	{
		category: 'email',
		language: 'de',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 100,
		views: 1130,
		helpful: 118,
		unhelpful: 10,
		title: 'Postfach voll: Speicherplatz im E-Mail-Postfach freigeben',
		body: `Ihr Postfach fasst **50 GB**. Ab 49 GB erhalten Sie Warnungen, ab 50 GB können Sie keine E-Mails mehr senden.

## Schnell Platz schaffen

1. **Gelöschte Elemente** leeren (Rechtsklick → Ordner leeren).
2. Nach großen E-Mails suchen: im Suchfeld \`size:>5MB\` eingeben, Anhänge in OneDrive speichern und die E-Mails löschen.
3. Ordner **Gesendete Elemente** älter als zwei Jahre aufräumen.

## Dauerhaft

Aktivieren Sie das **Online-Archiv** (Datei → Tools → Postfach aufräumen → Archivieren). E-Mails älter als zwei Jahre wandern dann automatisch ins Archiv, das nicht zum Kontingent zählt.`
	},
	{
		category: 'email',
		language: 'de',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 35,
		views: 380,
		helpful: 29,
		unhelpful: 2,
		title: 'Abwesenheitsnotiz in Outlook einrichten',
		body: `1. Outlook: **Datei → Automatische Antworten**.
2. **Automatische Antworten senden** wählen, Zeitraum festlegen.
3. Text für **Innerhalb meiner Organisation** und **Außerhalb meiner Organisation** eintragen.

Im Browser (Outlook im Web): Zahnrad → **E-Mail → Automatische Antworten**.

Nennen Sie eine Vertretung und wann Sie zurück sind – aber keine privaten Details.`
	},
	{
		category: 'email',
		language: 'en',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 98,
		views: 760,
		helpful: 74,
		unhelpful: 7,
		title: 'Mailbox full: free up space',
		body: `Your mailbox holds **50 GB**. From 49 GB you get warnings; at 50 GB you can no longer send.

1. Empty **Deleted Items** (right-click → Empty folder).
2. Find large emails: search for \`size:>5MB\`, save attachments to OneDrive, delete the emails.
3. Clean up **Sent Items** older than two years.

For good, turn on the **online archive** (File → Tools → Mailbox Cleanup → Archive): emails older than two years move there automatically and do not count towards your quota.`
	},
	{
		category: 'email',
		language: 'en',
		visibility: 'public',
		status: 'published',
		author: 'l2@example.com',
		age: 50,
		views: 290,
		helpful: 24,
		unhelpful: 5,
		title: 'Shared mailbox missing in Outlook',
		body: `Shared mailboxes appear in Outlook by themselves, up to **two hours** after you were given access.

- Restart Outlook after two hours.
- Still missing? **File → Account settings → Account settings → Change → More settings → Advanced → Add** and type the mailbox name.
- In Outlook on the web: right-click **Folders → Add shared folder or mailbox**.

No access yet? Your manager requests it: open a ticket under **Email & calendar** with the mailbox name.`
	},
	{
		category: 'email',
		language: 'de',
		visibility: 'internal',
		status: 'published',
		author: 'l2@example.com',
		age: 30,
		views: 64,
		helpful: 9,
		unhelpful: 0,
		title: 'Runbook: Postfachkontingent erhöhen (Exchange Online)',
		body: `**Nur für Level 2.** Erst das Online-Archiv, dann mehr Kontingent: Das Standardkontingent ist 50 GB.

1. Prüfen, ob das Archiv aktiv ist:
   \`\`\`powershell
   Get-Mailbox jdoe | Select ArchiveStatus, ProhibitSendQuota
   \`\`\`
2. Archiv aktivieren: \`Enable-Mailbox jdoe -Archive\` – reicht in 9 von 10 Fällen.
3. Nur mit Freigabe der Führungskraft (im Ticket dokumentiert) und passender Lizenz (E5): \`Set-Mailbox jdoe -ProhibitSendQuota 99GB -ProhibitSendReceiveQuota 100GB -IssueWarningQuota 98GB\`.

Dem Nutzer öffentlich antworten mit dem Artikel **Postfach voll** und den Schritten, die wir erledigt haben.`
	},

	// ───────────── Software & Lizenzen ─────────────
	{
		category: 'software',
		language: 'de',
		visibility: 'public',
		status: 'published',
		author: 'l2@example.com',
		age: 140,
		views: 1050,
		helpful: 88,
		unhelpful: 12,
		title: 'Software bestellen: neue Programme beantragen',
		body: `## Kostenlose Standardsoftware

Im **Software Center** (Startmenü) finden Sie alles Freigegebene: 7-Zip, Notepad++, VLC, Zoom, Adobe Reader u. v. m. Installieren ohne Ticket.

## Lizenzpflichtige Software

1. Erstellen Sie ein Ticket in **Software & Lizenzen**.
2. Nennen Sie Produkt, Version und **Kostenstelle**.
3. Ihre Führungskraft genehmigt per E-Mail-Link.

Die Installation erfolgt meist innerhalb von **zwei Arbeitstagen** nach der Genehmigung. Software, die noch nicht geprüft ist (Datenschutz, Sicherheit), dauert länger.`
	},
	{
		category: 'software',
		language: 'en',
		visibility: 'public',
		status: 'published',
		author: 'l2@example.com',
		age: 138,
		views: 810,
		helpful: 69,
		unhelpful: 9,
		title: 'Request new software or a licence',
		body: `**Free standard software** is in the **Software Center** (Start menu): 7-Zip, Notepad++, VLC, Zoom, Adobe Reader and more. Install it yourself, no ticket needed.

**Licensed software**:

1. Open a ticket under **Software & licences**.
2. Give the product, version and your **cost centre**.
3. Your manager approves by a link in an email.

Installation usually follows within **two working days** of approval. Software we have not yet reviewed for privacy and security takes longer.`
	},
	{
		category: 'software',
		language: 'en',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 25,
		views: 330,
		helpful: 27,
		unhelpful: 6,
		title: 'Teams calls: microphone or camera not working',
		body: `1. In Teams: **Settings → Devices** — choose the right microphone, speaker and camera; make a **test call**.
2. Windows: **Settings → Privacy & security → Camera / Microphone** — allow access for apps.
3. Close other apps that may hold the camera (Zoom, the Camera app).
4. Headset on a dock? Plug it straight into the laptop to rule out the dock.

Still nothing? Restart the laptop; then open a ticket and tell us the headset or camera model.`
	},

	// ───────────── Hardware ─────────────
	{
		category: 'hardware',
		language: 'de',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 55,
		views: 470,
		helpful: 39,
		unhelpful: 7,
		title: 'Bildschirm bleibt schwarz an der Dockingstation',
		body: `1. Laptop **zuklappen und wieder öffnen** oder \`Windows + P\` → **Erweitern**.
2. Dock kurz **vom Strom trennen** (10 Sekunden), wieder anstecken, Laptop zuletzt verbinden.
3. Anderes Kabel oder anderen Anschluss am Monitor probieren.
4. Firmware des Docks aktualisieren: **Software Center → Dock-Firmware**.

Ein Monitor geht, der andere nicht? Tauschen Sie die Kabel der beiden Monitore – so sehen wir, ob Kabel oder Monitor defekt ist.`
	},
	{
		category: 'hardware',
		language: 'en',
		visibility: 'public',
		status: 'published',
		author: 'l1@example.com',
		age: 52,
		views: 350,
		helpful: 30,
		unhelpful: 4,
		title: 'Laptop not charging on the dock',
		body: `1. Check the dock's own power supply is plugged in: the dock's light should be on.
2. Unplug the dock from power for 10 seconds, plug it in again, connect the laptop last.
3. Try the laptop's **own charger**. If that charges, the dock is at fault.
4. Update the dock firmware from the **Software Center**.

The battery icon shows "plugged in, not charging"? Windows may hold the battery at 80 % to protect it — that is normal.`
	},
	{
		category: 'hardware',
		language: 'de',
		visibility: 'public',
		status: 'draft',
		author: 'l1@example.com',
		age: 3,
		views: 0,
		helpful: 0,
		unhelpful: 0,
		title: 'Bluetooth-Headset mit dem Laptop koppeln',
		body: `1. Headset in den **Kopplungsmodus** versetzen (meist Einschalttaste 5 Sekunden halten, bis die LED blinkt).
2. Windows: **Einstellungen → Bluetooth und Geräte → Gerät hinzufügen → Bluetooth**.
3. Headset auswählen.

TODO: Hinweis zu Jabra-Dongles ergänzen.`
	},
	{
		category: 'hardware',
		language: 'en',
		visibility: 'public',
		status: 'review',
		author: 'l1@example.com',
		age: 2,
		views: 0,
		helpful: 0,
		unhelpful: 0,
		title: 'Two monitors on one dock: display settings',
		body: `1. Connect both monitors to the dock, then the laptop.
2. Press \`Windows + P\` → **Extend**.
3. **Settings → System → Display**: drag the screens into the order they stand on your desk; pick the main display.

If the second monitor stays black, swap the cables between the two monitors to see whether the cable or the monitor is at fault.`
	}
];

/** What people searched for in the demo weeks: found (results > 0) or not, and deflections. */
export const DEMO_SEARCHES: Array<{ query: string; results: number; deflected?: boolean }> = [
	{ query: 'vpn', results: 3 },
	{ query: 'VPN verbindung bricht ab', results: 2, deflected: true },
	{ query: 'passwort vergessen', results: 2, deflected: true },
	{ query: 'password reset', results: 2, deflected: true },
	{ query: 'drucker druckt nicht', results: 2, deflected: true },
	{ query: 'postfach voll', results: 2 },
	{ query: 'mailbox full', results: 1, deflected: true },
	{ query: 'mfa neues handy', results: 2, deflected: true },
	{ query: 'gast wlan', results: 2 },
	{ query: 'teams mikrofon', results: 1 },
	{ query: 'sap login', results: 0 },
	{ query: 'sap login', results: 0 },
	{ query: 'sap login', results: 0 },
	{ query: 'teams hintergrund ändern', results: 0 },
	{ query: 'teams hintergrund ändern', results: 0 },
	{ query: 'scan to email', results: 0 },
	{ query: 'parking permit', results: 0 },
	{ query: 'parking permit', results: 0 },
	{ query: 'excel makro gesperrt', results: 0 },
	{ query: 'software bestellen', results: 1, deflected: true },
	{ query: 'printer queue', results: 1, deflected: true },
	{ query: 'abwesenheitsnotiz', results: 1, deflected: true }
];
