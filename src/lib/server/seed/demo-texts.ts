// Texts for the demo tickets: real helpdesk requests in English and German, with the agents'
// questions, the requesters' answers and the fixes. `{name}` placeholders are filled per ticket.
import type { Priority } from '$lib/types/ticket';

export type Lang = 'en' | 'de';
export type CategoryKey =
	'network' | 'hardware' | 'access' | 'software' | 'email' | 'printing' | 'other';

/** The demo groups a ticket of a category goes to at levels 2 and 3 (seed/demo.ts). */
export const ROUTES: Record<CategoryKey, { l2: string; l3: string }> = {
	network: { l2: 'Network', l3: 'Infrastructure' },
	hardware: { l2: 'Workplace & Software', l3: 'Infrastructure' },
	access: { l2: 'Workplace & Software', l3: 'Identity & Access' },
	software: { l2: 'Workplace & Software', l3: 'Infrastructure' },
	email: { l2: 'Workplace & Software', l3: 'Infrastructure' },
	printing: { l2: 'Workplace & Software', l3: 'Infrastructure' },
	other: { l2: 'Workplace & Software', l3: 'Infrastructure' }
};

interface Story {
	titles: string[];
	body: string;
	/** The agent's question that puts the ticket on `pending`. */
	ask: string;
	/** The requester's answer. */
	answer: string;
	/** The public reply that resolves the ticket. */
	fix: string;
}

export interface DemoTemplate {
	category: CategoryKey;
	/** Priorities this request plausibly gets. */
	priorities: Priority[];
	en: Story;
	de: Story;
}

export const TEMPLATES: DemoTemplate[] = [
	{
		category: 'network',
		priorities: [2, 3, 4],
		en: {
			titles: [
				'VPN keeps disconnecting every few minutes',
				'GlobalProtect VPN drops when working from home'
			],
			body: 'Since {day} my VPN connection (GlobalProtect) drops every 5–10 minutes when I work from home. Teams calls freeze and I have to reconnect every time. My internet connection itself is stable, other devices at home work fine.\n\nLaptop: {laptop}',
			ask: 'Hi {first}, could you tell me which GlobalProtect version is shown under Settings → About, and whether the drops also happen when you are connected by cable instead of Wi-Fi?',
			answer:
				'It says 6.2.1. With a cable it happens too, but less often – maybe every 20 minutes.',
			fix: 'Hi {first}, we moved you to the new VPN gateway profile and updated the client to 6.2.4. The disconnects came from an idle timeout on the old gateway. Please reconnect once; the connection should now stay up. If it drops again, just reply here.'
		},
		de: {
			titles: [
				'VPN bricht alle paar Minuten ab',
				'GlobalProtect trennt im Homeoffice ständig die Verbindung'
			],
			body: 'Seit {day} bricht meine VPN-Verbindung (GlobalProtect) im Homeoffice alle 5–10 Minuten ab. Teams-Calls frieren ein und ich muss mich jedes Mal neu verbinden. Das Internet selbst ist stabil, andere Geräte laufen problemlos.\n\nLaptop: {laptop}',
			ask: 'Hallo {first}, welche GlobalProtect-Version wird unter Einstellungen → Info angezeigt? Und treten die Abbrüche auch auf, wenn Sie per LAN-Kabel statt WLAN verbunden sind?',
			answer: 'Version 6.2.1. Mit Kabel passiert es auch, aber seltener – etwa alle 20 Minuten.',
			fix: 'Hallo {first}, wir haben Ihr VPN-Profil auf das neue Gateway umgestellt und den Client auf 6.2.4 aktualisiert. Ursache war ein Idle-Timeout am alten Gateway. Bitte einmal neu verbinden, danach sollte die Verbindung stabil bleiben. Falls nicht, antworten Sie einfach hier.'
		}
	},
	{
		category: 'network',
		priorities: [1, 2],
		en: {
			titles: ['VPN down for the whole {site} office', 'Nobody in {site} can connect to the VPN'],
			body: 'Since {time} nobody at {site} can connect to the VPN. The client says "Gateway not responding". About 30 people are affected, including the sales team who need the CRM for the quarter close today.',
			ask: 'Hi {first}, are colleagues who connect through a mobile hotspot affected as well, or only those on the office and home broadband lines?',
			answer: 'Also via hotspot – it really is everyone, I checked with three people.',
			fix: 'Hi {first}, the certificate of the VPN gateway expired at midnight. Infrastructure installed the renewed certificate and restarted the gateway cluster; connections work again. We have added the certificate to our expiry monitoring so this does not happen again.'
		},
		de: {
			titles: ['VPN am Standort {site} komplett ausgefallen', 'Niemand in {site} kommt ins VPN'],
			body: 'Seit {time} kann sich in {site} niemand mehr mit dem VPN verbinden. Meldung im Client: „Gateway antwortet nicht“. Betroffen sind ca. 30 Kolleginnen und Kollegen, auch der Vertrieb, der heute für den Quartalsabschluss ins CRM muss.',
			ask: 'Hallo {first}, sind auch Kolleginnen und Kollegen betroffen, die sich über einen mobilen Hotspot verbinden, oder nur die über Büro- und DSL-Anschlüsse?',
			answer: 'Auch über Hotspot – es sind wirklich alle, ich habe bei drei Leuten nachgefragt.',
			fix: 'Hallo {first}, das Zertifikat des VPN-Gateways war um Mitternacht abgelaufen. Die Infrastruktur hat das erneuerte Zertifikat eingespielt und den Gateway-Cluster neu gestartet; Verbindungen funktionieren wieder. Das Zertifikat ist jetzt in unserer Ablaufüberwachung.'
		}
	},
	{
		category: 'network',
		priorities: [2, 3, 4],
		en: {
			titles: ['Wi-Fi in meeting room {room} extremely slow', 'No Wi-Fi connection in {room}'],
			body: 'The Wi-Fi in meeting room {room} ({floor}) is unusable: video calls break up and websites take ages to load. In the corridor outside it is fine. We have customer workshops in that room all week.',
			ask: 'Hi {first}, does this affect the "Corp" network or "Guest"? A screenshot of the Wi-Fi details (signal strength, channel) from one laptop would help a lot.',
			answer: 'It is "Corp". Screenshot attached to my mail: signal shows 2 of 4 bars, channel 36.',
			fix: 'Hi {first}, the access point in {room} had fallen back to its 2.4 GHz radio after a firmware glitch. We replaced it and checked the coverage: 5 GHz with full signal in the whole room. Good luck with the workshops!'
		},
		de: {
			titles: ['WLAN im Besprechungsraum {room} extrem langsam', 'Kein WLAN in {room}'],
			body: 'Das WLAN im Besprechungsraum {room} ({floor}) ist unbrauchbar: Videocalls brechen ab, Webseiten laden ewig. Auf dem Flur davor ist alles in Ordnung. Wir haben diese Woche täglich Kundenworkshops in dem Raum.',
			ask: 'Hallo {first}, betrifft es das Netz „Corp“ oder „Gast“? Ein Screenshot der WLAN-Details (Signalstärke, Kanal) von einem Laptop würde uns sehr helfen.',
			answer:
				'Es ist „Corp“. Screenshot habe ich per Mail geschickt: Signal 2 von 4 Balken, Kanal 36.',
			fix: 'Hallo {first}, der Access Point in {room} war nach einem Firmwarefehler auf 2,4 GHz zurückgefallen. Wir haben ihn getauscht und die Ausleuchtung geprüft: 5 GHz mit vollem Signal im ganzen Raum. Viel Erfolg bei den Workshops!'
		}
	},
	{
		category: 'network',
		priorities: [3, 4],
		en: {
			titles: ['Intranet not reachable: "server not found"', 'Cannot open intranet pages'],
			body: 'When I open the intranet (intranet.corp.local) I get "server not found". Google and other external sites work. My colleague next to me can open it without problems.',
			ask: 'Hi {first}, could you open a command prompt, run "ipconfig /flushdns" and try again? If it still fails, please send us the output of "nslookup intranet.corp.local".',
			answer:
				'Flushing did not help. nslookup says "Non-existent domain" from server 192.168.178.1.',
			fix: 'Hi {first}, your laptop was using your home router as DNS server because a manual network setting had been left on the adapter. We reset the adapter to automatic and the intranet opens again, in the office and over VPN.'
		},
		de: {
			titles: [
				'Intranet nicht erreichbar: „Server nicht gefunden“',
				'Intranetseiten lassen sich nicht öffnen'
			],
			body: 'Wenn ich das Intranet (intranet.corp.local) aufrufe, kommt „Server nicht gefunden“. Google und andere externe Seiten gehen. Mein Kollege am Nachbartisch kann es ohne Probleme öffnen.',
			ask: 'Hallo {first}, könnten Sie eine Eingabeaufforderung öffnen, „ipconfig /flushdns“ ausführen und es erneut versuchen? Falls es weiter nicht geht, schicken Sie uns bitte die Ausgabe von „nslookup intranet.corp.local“.',
			answer:
				'Flushdns hat nichts gebracht. nslookup sagt „Non-existent domain“ vom Server 192.168.178.1.',
			fix: 'Hallo {first}, Ihr Laptop hat den Heimrouter als DNS-Server benutzt, weil am Adapter noch eine manuelle Einstellung hinterlegt war. Wir haben den Adapter auf automatisch zurückgesetzt – das Intranet geht wieder, im Büro und über VPN.'
		}
	},
	{
		category: 'hardware',
		priorities: [3, 4],
		en: {
			titles: ['Laptop replacement: hinge broken', 'Laptop battery swollen – need replacement'],
			body: 'My laptop ({laptop}) is falling apart: the left hinge broke and the screen only stays open when I lean it against something. The battery also lasts barely an hour now. Can I get a replacement device?',
			ask: 'Hi {first}, do you store any data locally outside OneDrive (e.g. on the desktop or in C:\\Data)? We will back it up before the swap.',
			answer:
				'Only a folder "Projekte alt" on the desktop, about 2 GB. Everything else is in OneDrive.',
			fix: 'Hi {first}, your new {laptop} is set up and your desktop folder is copied over. You can pick it up at the IT counter ({floor}) any time today; please bring the old device and its charger.'
		},
		de: {
			titles: ['Laptop-Austausch: Scharnier gebrochen', 'Laptop-Akku aufgebläht – Austausch nötig'],
			body: 'Mein Laptop ({laptop}) löst sich langsam auf: Das linke Scharnier ist gebrochen, der Bildschirm bleibt nur offen, wenn ich ihn irgendwo anlehne. Der Akku hält außerdem kaum noch eine Stunde. Kann ich ein Ersatzgerät bekommen?',
			ask: 'Hallo {first}, haben Sie Daten lokal außerhalb von OneDrive gespeichert (z. B. auf dem Desktop oder unter C:\\Daten)? Die sichern wir vor dem Tausch.',
			answer:
				'Nur einen Ordner „Projekte alt“ auf dem Desktop, ca. 2 GB. Alles andere liegt in OneDrive.',
			fix: 'Hallo {first}, Ihr neues {laptop} ist eingerichtet und der Desktop-Ordner übertragen. Sie können es heute jederzeit am IT-Schalter ({floor}) abholen; bitte bringen Sie das alte Gerät samt Netzteil mit.'
		}
	},
	{
		category: 'hardware',
		priorities: [3, 4],
		en: {
			titles: ['External monitor flickers', 'Monitor flickering on the docking station'],
			body: 'My external monitor (Dell P2723DE) flickers every few seconds and sometimes goes black for a moment when I use the docking station. Directly connected via HDMI it is fine. This makes working on spreadsheets really tiring.',
			ask: 'Hi {first}, which cable connects the monitor to the dock – DisplayPort or HDMI? And is it the grey cable that came with the dock?',
			answer: 'DisplayPort, the grey one. I also tried the HDMI port on the dock, same flickering.',
			fix: 'Hi {first}, we updated the firmware of your docking station and the display driver; the flickering came from a known bug in the old dock firmware at 60 Hz. We also swapped the DisplayPort cable to be safe. Let us know if it comes back.'
		},
		de: {
			titles: ['Externer Monitor flackert', 'Bildschirm flackert an der Dockingstation'],
			body: 'Mein externer Monitor (Dell P2723DE) flackert alle paar Sekunden und wird kurz schwarz, wenn ich die Dockingstation benutze. Direkt per HDMI am Laptop ist alles gut. Bei Excel-Arbeit ist das wirklich anstrengend.',
			ask: 'Hallo {first}, mit welchem Kabel ist der Monitor an der Dockingstation angeschlossen – DisplayPort oder HDMI? Und ist es das graue Kabel, das beim Dock dabei war?',
			answer:
				'DisplayPort, das graue. Den HDMI-Anschluss am Dock habe ich auch probiert, gleiches Flackern.',
			fix: 'Hallo {first}, wir haben die Firmware Ihrer Dockingstation und den Grafiktreiber aktualisiert; das Flackern war ein bekannter Fehler der alten Dock-Firmware bei 60 Hz. Das DisplayPort-Kabel haben wir sicherheitshalber auch getauscht. Melden Sie sich, falls es wieder auftritt.'
		}
	},
	{
		category: 'hardware',
		priorities: [3, 4],
		en: {
			titles: ['Docking station does not detect laptop', 'USB-C dock: no screens, no keyboard'],
			body: 'Since this morning nothing works when I plug my laptop into the USB-C dock at my desk ({floor}): no external screens, no keyboard, no network. Charging works. I already restarted twice.',
			ask: 'Hi {first}, does the laptop work with a dock at another desk? That tells us whether it is the dock or the laptop.',
			answer: 'Yes, at the desk next to mine everything works with their dock.',
			fix: 'Hi {first}, your dock had a faulty power supply (enough for charging, not for the USB hub). We swapped the dock; screens, keyboard and network work again.'
		},
		de: {
			titles: [
				'Dockingstation erkennt Laptop nicht',
				'USB-C-Dock: keine Bildschirme, keine Tastatur'
			],
			body: 'Seit heute Morgen funktioniert an meinem Platz ({floor}) nichts, wenn ich den Laptop ans USB-C-Dock anschließe: keine externen Bildschirme, keine Tastatur, kein Netzwerk. Laden geht. Neu gestartet habe ich schon zweimal.',
			ask: 'Hallo {first}, funktioniert der Laptop an einem Dock an einem anderen Platz? Dann wissen wir, ob es am Dock oder am Laptop liegt.',
			answer: 'Ja, am Nachbarplatz geht mit dem dortigen Dock alles.',
			fix: 'Hallo {first}, das Netzteil Ihres Docks war defekt (reicht zum Laden, aber nicht für den USB-Hub). Wir haben das Dock getauscht; Bildschirme, Tastatur und Netzwerk gehen wieder.'
		}
	},
	{
		category: 'hardware',
		priorities: [4],
		en: {
			titles: ['Headset broken – need a new one', 'Microphone of my headset stopped working'],
			body: 'The microphone of my Jabra headset stopped working, the cable is frayed near the plug. Could I get a replacement? I am in calls most of the day.',
			ask: 'Hi {first}, do you prefer a wired headset again or a wireless one (Jabra Evolve2 65)?',
			answer: 'Wireless would be great, I move around a lot.',
			fix: 'Hi {first}, a Jabra Evolve2 65 is waiting for you at the IT counter ({floor}). The dongle is already paired; just plug it into the laptop.'
		},
		de: {
			titles: ['Headset defekt – brauche ein neues', 'Mikrofon am Headset geht nicht mehr'],
			body: 'Das Mikrofon meines Jabra-Headsets funktioniert nicht mehr, das Kabel ist am Stecker ausgefranst. Kann ich Ersatz bekommen? Ich bin fast den ganzen Tag in Calls.',
			ask: 'Hallo {first}, möchten Sie wieder ein kabelgebundenes Headset oder ein kabelloses (Jabra Evolve2 65)?',
			answer: 'Kabellos wäre super, ich bin viel unterwegs im Haus.',
			fix: 'Hallo {first}, am IT-Schalter ({floor}) liegt ein Jabra Evolve2 65 für Sie bereit. Der Dongle ist schon gekoppelt, einfach in den Laptop stecken.'
		}
	},
	{
		category: 'access',
		priorities: [2, 3],
		en: {
			titles: ['Password expired – cannot log in', 'Account locked after password change'],
			body: 'I changed my password yesterday and since this morning my account is locked. I cannot log in to Windows or Outlook. My phone keeps asking for the password for email as well – maybe that locked it?',
			ask: 'Hi {first}, very likely the phone. Please remove the company mail account from your phone (or switch it to airplane mode) before we unlock you – otherwise it locks again within minutes. Tell us when that is done.',
			answer: 'Done, phone is in airplane mode.',
			fix: 'Hi {first}, your account is unlocked. Please log in with your new password, then re-add the mail account on your phone with the new password. The old password kept locking you out through the phone.'
		},
		de: {
			titles: [
				'Passwort abgelaufen – Anmeldung nicht möglich',
				'Konto nach Passwortänderung gesperrt'
			],
			body: 'Ich habe gestern mein Passwort geändert und seit heute früh ist mein Konto gesperrt. Ich komme weder in Windows noch in Outlook. Mein Handy fragt auch ständig nach dem Mail-Passwort – hat das vielleicht die Sperre ausgelöst?',
			ask: 'Hallo {first}, sehr wahrscheinlich das Handy. Bitte entfernen Sie das Firmen-Mailkonto vom Handy (oder schalten Sie es in den Flugmodus), bevor wir entsperren – sonst ist das Konto in wenigen Minuten wieder gesperrt. Geben Sie kurz Bescheid.',
			answer: 'Erledigt, Handy ist im Flugmodus.',
			fix: 'Hallo {first}, Ihr Konto ist entsperrt. Bitte melden Sie sich mit dem neuen Passwort an und richten Sie danach das Mailkonto auf dem Handy mit dem neuen Passwort neu ein. Das alte Passwort auf dem Handy hat die Sperre ausgelöst.'
		}
	},
	{
		category: 'access',
		priorities: [1, 2, 3],
		en: {
			titles: ['MFA: lost my phone with the Authenticator app', 'Cannot sign in – MFA token lost'],
			body: 'I lost my phone on the train yesterday evening, and with it the Microsoft Authenticator. I cannot sign in to anything that asks for MFA (Outlook web, Teams on the laptop, SAP Fiori). I have a new phone since this morning.',
			ask: 'Hi {first}, for security we need to verify it is you: please call the service desk on +49 40 1234-5000 from your desk phone, or come by the IT counter with your ID card.',
			answer: 'I just called, your colleague verified me.',
			fix: 'Hi {first}, we removed the old phone from your MFA methods and issued a temporary access pass. Please go to aka.ms/mysecurityinfo and register the Authenticator on your new phone within the next 8 hours. We have also blocked the lost phone in Intune.'
		},
		de: {
			titles: [
				'MFA: Handy mit Authenticator-App verloren',
				'Anmeldung nicht möglich – MFA-Token verloren'
			],
			body: 'Ich habe gestern Abend mein Handy im Zug verloren und damit auch den Microsoft Authenticator. Ich komme in nichts mehr rein, was MFA verlangt (Outlook Web, Teams am Laptop, SAP Fiori). Ein neues Handy habe ich seit heute Morgen.',
			ask: 'Hallo {first}, aus Sicherheitsgründen müssen wir Ihre Identität prüfen: Bitte rufen Sie den Service Desk unter +49 40 1234-5000 von Ihrem Tischtelefon an oder kommen Sie mit Ihrem Ausweis zum IT-Schalter.',
			answer: 'Habe eben angerufen, Ihr Kollege hat mich verifiziert.',
			fix: 'Hallo {first}, wir haben das alte Handy aus Ihren MFA-Methoden entfernt und einen befristeten Zugangspass ausgestellt. Bitte registrieren Sie innerhalb von 8 Stunden unter aka.ms/mysecurityinfo den Authenticator auf dem neuen Handy. Das verlorene Gerät ist in Intune gesperrt.'
		}
	},
	{
		category: 'access',
		priorities: [3, 4],
		en: {
			titles: ['Access request: {share} share', 'Need write access to \\\\fs01\\{share}'],
			body: 'I moved to the {share} team on the 1st and need read/write access to \\\\fs01\\{share}. My manager (cc) has approved it. At the moment I get "access denied".',
			ask: 'Hi {first}, we need the approval from the data owner of {share} in writing. Could you ask your manager to reply to this ticket or forward the approval mail?',
			answer: 'My manager forwarded the approval to servicedesk@ a minute ago.',
			fix: 'Hi {first}, you are now a member of the group FS-{share}-RW. Please log off and on again (or restart) so that Windows picks up the new membership, then the share opens with write access.'
		},
		de: {
			titles: ['Berechtigung: Laufwerk {share}', 'Schreibzugriff auf \\\\fs01\\{share} benötigt'],
			body: 'Ich bin zum 1. ins Team {share} gewechselt und brauche Lese- und Schreibrechte auf \\\\fs01\\{share}. Meine Führungskraft (in Kopie) hat zugestimmt. Im Moment bekomme ich „Zugriff verweigert“.',
			ask: 'Hallo {first}, wir brauchen die Freigabe des Datenverantwortlichen für {share} schriftlich. Könnten Sie Ihre Führungskraft bitten, hier zu antworten oder die Freigabe-Mail weiterzuleiten?',
			answer: 'Meine Chefin hat die Freigabe eben an servicedesk@ weitergeleitet.',
			fix: 'Hallo {first}, Sie sind jetzt Mitglied der Gruppe FS-{share}-RW. Bitte einmal ab- und wieder anmelden (oder neu starten), damit Windows die neue Mitgliedschaft übernimmt – danach ist das Laufwerk beschreibbar.'
		}
	},
	{
		category: 'access',
		priorities: [2, 3, 4],
		en: {
			titles: ['SAP: role {sapRole} needed', 'SAP authorisation missing for month-end close'],
			body: 'For the month-end close I need the SAP role {sapRole} in production (PRD, client 100). Transaction F-02 currently says "You are not authorized". My team lead approved it in the access tool (request AR-{number}).',
			ask: 'Hi {first}, the request AR-{number} is still waiting for the second approval by the SAP role owner. Could you give us the name of the cost centre so we can route it to the right owner?',
			answer: 'Cost centre 4711 – Finance Operations.',
			fix: 'Hi {first}, the role {sapRole} has been assigned in PRD/100 and is valid until the end of the year. Please log off from SAP completely and log on again; F-02 should work now.'
		},
		de: {
			titles: ['SAP: Rolle {sapRole} benötigt', 'SAP-Berechtigung für den Monatsabschluss fehlt'],
			body: 'Für den Monatsabschluss brauche ich die SAP-Rolle {sapRole} im Produktivsystem (PRD, Mandant 100). Transaktion F-02 meldet „Keine Berechtigung“. Meine Teamleitung hat im Berechtigungstool zugestimmt (Antrag AR-{number}).',
			ask: 'Hallo {first}, der Antrag AR-{number} wartet noch auf die zweite Freigabe durch den Rolleneigentümer. Können Sie uns die Kostenstelle nennen, damit wir ihn an den richtigen Eigentümer leiten?',
			answer: 'Kostenstelle 4711 – Finance Operations.',
			fix: 'Hallo {first}, die Rolle {sapRole} ist in PRD/100 zugewiesen und bis Jahresende gültig. Bitte einmal komplett von SAP abmelden und neu anmelden, dann funktioniert F-02.'
		}
	},
	{
		category: 'access',
		priorities: [3, 4],
		en: {
			titles: [
				'Jira: access to project {jiraProject}',
				'Please add me to Jira project {jiraProject}'
			],
			body: 'I joined the {jiraProject} project team and need access to the Jira project {jiraProject} (developer role) and the matching Confluence space. My project lead is aware.',
			ask: 'Hi {first}, which role do you need exactly – "Developer" (create and edit issues) or "Viewer"? And do you need access to the Confluence space as well, or only Jira?',
			answer: 'Developer please, and Confluence too.',
			fix: 'Hi {first}, you have the Developer role in Jira project {jiraProject} and edit rights in the Confluence space. It may take up to 15 minutes until the Atlassian cloud has synchronised the group.'
		},
		de: {
			titles: [
				'Jira: Zugriff auf Projekt {jiraProject}',
				'Bitte zum Jira-Projekt {jiraProject} hinzufügen'
			],
			body: 'Ich bin neu im Projektteam {jiraProject} und brauche Zugriff auf das Jira-Projekt {jiraProject} (Rolle Entwickler) und den passenden Confluence-Bereich. Die Projektleitung weiß Bescheid.',
			ask: 'Hallo {first}, welche Rolle brauchen Sie genau – „Developer“ (Vorgänge anlegen und bearbeiten) oder „Viewer“? Und brauchen Sie Confluence auch oder nur Jira?',
			answer: 'Developer bitte, und Confluence auch.',
			fix: 'Hallo {first}, Sie haben die Rolle Developer im Jira-Projekt {jiraProject} und Bearbeitungsrechte im Confluence-Bereich. Bis die Atlassian Cloud die Gruppe synchronisiert hat, kann es bis zu 15 Minuten dauern.'
		}
	},
	{
		category: 'access',
		priorities: [2, 3],
		en: {
			titles: [
				'New employee {newhire} starts on {date}',
				'Onboarding: account and laptop for {newhire}'
			],
			body: 'Our new colleague {newhire} starts on {date} in my team (Controlling). Please prepare: user account and email, laptop with docking station, access to the Controlling share and SAP (same roles as me), and a Teams phone number. HR ticket number: HR-{number}.',
			ask: 'Hi {first}, thanks for the early notice. Does {newhire} need a second monitor, and should the laptop be an English or German keyboard layout?',
			answer: 'Two monitors please, German keyboard.',
			fix: 'Hi {first}, everything for {newhire} is ready: account and mailbox, laptop with dock and two monitors at the desk, Controlling share and SAP roles copied from your profile, Teams number +49 40 1234-5{number}. Initial credentials go to you in a separate sealed letter.'
		},
		de: {
			titles: [
				'Neuzugang {newhire} beginnt am {date}',
				'Onboarding: Konto und Laptop für {newhire}'
			],
			body: 'Unser neues Teammitglied {newhire} fängt am {date} in meinem Team (Controlling) an. Bitte vorbereiten: Benutzerkonto und E-Mail, Laptop mit Dockingstation, Zugriff auf das Controlling-Laufwerk und SAP (gleiche Rollen wie ich) und eine Teams-Rufnummer. HR-Vorgangsnummer: HR-{number}.',
			ask: 'Hallo {first}, danke für die frühe Meldung. Braucht {newhire} einen zweiten Monitor, und soll die Tastatur deutsch oder englisch sein?',
			answer: 'Zwei Monitore bitte, deutsche Tastatur.',
			fix: 'Hallo {first}, für {newhire} ist alles bereit: Konto und Postfach, Laptop mit Dock und zwei Monitoren am Platz, Controlling-Laufwerk und SAP-Rollen von Ihrem Profil übernommen, Teams-Nummer +49 40 1234-5{number}. Die Erstzugangsdaten bekommen Sie in einem separaten verschlossenen Umschlag.'
		}
	},
	{
		category: 'software',
		priorities: [3, 4],
		en: {
			titles: ['Licence request: {licence}', 'Need a {licence} licence'],
			body: 'I need {licence} for my work on the supplier contracts (editing and signing PDFs / diagrams for the process documentation). Cost centre 4711, approved by my manager.',
			ask: 'Hi {first}, we have a free licence in the pool, but it needs your manager’s approval in the licence portal. Could you ask them to approve request LIC-{number}?',
			answer: 'Approved just now.',
			fix: 'Hi {first}, {licence} is assigned to you and will be installed automatically through the Company Portal within the next hour (or install it yourself from the Company Portal right away).'
		},
		de: {
			titles: ['Lizenzanfrage: {licence}', 'Benötige eine Lizenz für {licence}'],
			body: 'Ich brauche {licence} für die Arbeit an den Lieferantenverträgen (PDFs bearbeiten und signieren bzw. Diagramme für die Prozessdoku). Kostenstelle 4711, Freigabe durch meine Führungskraft liegt vor.',
			ask: 'Hallo {first}, im Pool ist eine Lizenz frei, sie braucht aber die Freigabe Ihrer Führungskraft im Lizenzportal. Könnten Sie um Freigabe des Antrags LIC-{number} bitten?',
			answer: 'Ist eben freigegeben worden.',
			fix: 'Hallo {first}, {licence} ist Ihnen zugewiesen und wird in der nächsten Stunde automatisch über das Unternehmensportal installiert (oder Sie installieren es gleich selbst aus dem Unternehmensportal).'
		}
	},
	{
		category: 'software',
		priorities: [2, 3, 4],
		en: {
			titles: ['Teams: others cannot hear me in calls', 'Echo and robotic voice in Teams meetings'],
			body: 'In Teams calls the others cannot hear me, or they hear a robotic voice with echo. The headset works fine in Zoom with customers. It started after the last Windows update. I have a customer presentation on {day}.',
			ask: 'Hi {first}, in Teams under Settings → Devices, which microphone is selected, and is "Noise suppression" set to "Auto"? A screenshot would be perfect.',
			answer:
				'It selected "Microphone array (Realtek)" – the laptop mic, not the headset! Noise suppression is on High.',
			fix: 'Hi {first}, we reset the Teams device settings to your headset, set noise suppression to Auto and cleared the Teams cache. The Windows update had switched the default device. A test call with us sounded clear.'
		},
		de: {
			titles: [
				'Teams: Andere hören mich in Calls nicht',
				'Echo und Roboterstimme in Teams-Besprechungen'
			],
			body: 'In Teams-Calls hören mich die anderen nicht oder nur mit Roboterstimme und Echo. In Zoom mit Kunden funktioniert das Headset. Angefangen hat es nach dem letzten Windows-Update. Am {day} habe ich eine Kundenpräsentation.',
			ask: 'Hallo {first}, welches Mikrofon ist in Teams unter Einstellungen → Geräte ausgewählt, und steht „Rauschunterdrückung“ auf „Automatisch“? Ein Screenshot wäre ideal.',
			answer:
				'Ausgewählt war „Mikrofonarray (Realtek)“ – also das Laptopmikro, nicht das Headset! Rauschunterdrückung steht auf Hoch.',
			fix: 'Hallo {first}, wir haben die Teams-Geräte auf Ihr Headset zurückgesetzt, die Rauschunterdrückung auf Automatisch gestellt und den Teams-Cache geleert. Das Windows-Update hatte das Standardgerät umgestellt. Ein Testanruf mit uns klang einwandfrei.'
		}
	},
	{
		category: 'software',
		priorities: [2, 3],
		en: {
			titles: [
				'Excel crashes when opening macro workbook',
				'Excel closes itself with the budget file'
			],
			body: 'Excel crashes every time I open our budget workbook (Budget_2027_v7.xlsm, on the Controlling share). Other files open fine. The file has macros and worked until last week. Colleagues have the same problem.',
			ask: 'Hi {first}, does Excel also crash if you hold Ctrl while opening it (safe mode) and then open the file? That tells us whether an add-in is involved.',
			answer: 'In safe mode the file opens, but the macros are disabled of course.',
			fix: 'Hi {first}, the crash came from an outdated version of the "Power Planning" add-in after the Office update. We rolled out the fixed add-in version 4.3 to your team; the budget workbook opens with macros again.'
		},
		de: {
			titles: [
				'Excel stürzt beim Öffnen der Makro-Datei ab',
				'Excel schließt sich bei der Budgetdatei'
			],
			body: 'Excel stürzt jedes Mal ab, wenn ich unsere Budgetdatei öffne (Budget_2027_v7.xlsm auf dem Controlling-Laufwerk). Andere Dateien gehen. Die Datei enthält Makros und lief bis letzte Woche. Kolleginnen haben das gleiche Problem.',
			ask: 'Hallo {first}, stürzt Excel auch ab, wenn Sie es mit gedrückter Strg-Taste starten (abgesicherter Modus) und dann die Datei öffnen? Dann wissen wir, ob ein Add-in beteiligt ist.',
			answer: 'Im abgesicherten Modus öffnet sich die Datei, aber natürlich ohne Makros.',
			fix: 'Hallo {first}, der Absturz kam von einer veralteten Version des Add-ins „Power Planning“ nach dem Office-Update. Wir haben die korrigierte Version 4.3 an Ihr Team verteilt; die Budgetdatei öffnet sich wieder mit Makros.'
		}
	},
	{
		category: 'software',
		priorities: [4],
		en: {
			titles: ['Please install {app}', 'Software installation: {app}'],
			body: 'Could you please install {app} on my laptop? I need it for the data migration project. It is not available in the Company Portal.',
			ask: 'Hi {first}, is a specific version required for the project, or is the current one fine?',
			answer: 'The current version is fine.',
			fix: 'Hi {first}, {app} is now available in the Company Portal for everyone in your department and is installed on your laptop. You find it in the start menu.'
		},
		de: {
			titles: ['Bitte {app} installieren', 'Softwareinstallation: {app}'],
			body: 'Könnten Sie bitte {app} auf meinem Laptop installieren? Ich brauche es für das Datenmigrationsprojekt. Im Unternehmensportal gibt es das nicht.',
			ask: 'Hallo {first}, wird für das Projekt eine bestimmte Version benötigt oder passt die aktuelle?',
			answer: 'Die aktuelle passt.',
			fix: 'Hallo {first}, {app} steht jetzt für Ihre Abteilung im Unternehmensportal bereit und ist auf Ihrem Laptop installiert. Sie finden es im Startmenü.'
		}
	},
	{
		category: 'software',
		priorities: [1, 2],
		en: {
			titles: [
				'SAP not reachable for the whole team',
				'SAP GUI: "connection refused" – warehouse stopped'
			],
			body: 'Since {time} nobody in the warehouse at {site} can log on to SAP ("Partner not reached, connection refused"). We cannot post goods receipts and trucks are waiting at the ramp.',
			ask: 'Hi {first}, does SAP Fiori in the browser work for you, or is it only the SAP GUI that fails?',
			answer: 'Fiori does not load either, it hangs at the logon page.',
			fix: 'Hi {first}, one of the SAP application servers had run out of disk space for its logs and stopped accepting logons. Infrastructure cleared the space and restarted the instance; logons work again since 10 minutes. Sorry for the disruption.'
		},
		de: {
			titles: [
				'SAP für das ganze Team nicht erreichbar',
				'SAP GUI: „Verbindung abgelehnt“ – Lager steht still'
			],
			body: 'Seit {time} kann sich im Lager in {site} niemand mehr an SAP anmelden („Partner nicht erreicht, Verbindung abgelehnt“). Wir können keine Wareneingänge buchen, an der Rampe warten LKW.',
			ask: 'Hallo {first}, funktioniert SAP Fiori im Browser, oder ist nur die SAP GUI betroffen?',
			answer: 'Fiori lädt auch nicht, es hängt auf der Anmeldeseite.',
			fix: 'Hallo {first}, auf einem der SAP-Applikationsserver war der Plattenplatz für die Logs voll, die Instanz hat keine Anmeldungen mehr angenommen. Die Infrastruktur hat Platz geschaffen und die Instanz neu gestartet; seit 10 Minuten geht die Anmeldung wieder. Entschuldigen Sie die Störung.'
		}
	},
	{
		category: 'email',
		priorities: [2, 3],
		en: {
			titles: ['Mailbox full – cannot send emails', 'Outlook: "Your mailbox is full"'],
			body: 'Outlook says my mailbox is full ({size} of 50 GB) and I cannot send any emails anymore. I already emptied the deleted items. I urgently need to send offers to customers today.',
			ask: 'Hi {first}, do you have a local PST archive, or would you like us to enable the online archive (automatic archiving of mails older than 2 years)?',
			answer: 'No PST. Online archive sounds good.',
			fix: 'Hi {first}, we enabled your online archive with a 2-year retention policy and temporarily raised your quota. You can send again right away; within 24 hours older mail moves to "Online Archive" in Outlook automatically.'
		},
		de: {
			titles: ['Postfach voll – kann keine Mails senden', 'Outlook: „Ihr Postfach ist voll“'],
			body: 'Outlook meldet, dass mein Postfach voll ist ({size} von 50 GB), und ich kann keine Mails mehr senden. Gelöschte Elemente habe ich schon geleert. Ich muss heute dringend Angebote an Kunden verschicken.',
			ask: 'Hallo {first}, haben Sie ein lokales PST-Archiv, oder sollen wir Ihnen das Online-Archiv aktivieren (automatische Archivierung von Mails älter als 2 Jahre)?',
			answer: 'Kein PST. Online-Archiv klingt gut.',
			fix: 'Hallo {first}, wir haben Ihr Online-Archiv mit einer 2-Jahres-Richtlinie aktiviert und das Kontingent vorübergehend erhöht. Sie können sofort wieder senden; innerhalb von 24 Stunden wandern ältere Mails automatisch ins „Online-Archiv“ in Outlook.'
		}
	},
	{
		category: 'email',
		priorities: [3, 4],
		en: {
			titles: ['Access to shared mailbox {mailbox}', 'Please add me to the {mailbox} mailbox'],
			body: 'I am covering for a colleague during parental leave and need full access and "send as" on the shared mailbox {mailbox}, plus the shared calendar. Approved by the team lead.',
			ask: 'Hi {first}, should the access end automatically when your colleague returns? If so, please tell us the date.',
			answer: 'Yes, until end of March please.',
			fix: 'Hi {first}, you have full access and "send as" for {mailbox} until 31 March. The mailbox appears in Outlook automatically after a restart (up to an hour).'
		},
		de: {
			titles: [
				'Zugriff auf Funktionspostfach {mailbox}',
				'Bitte Zugriff auf das Postfach {mailbox}'
			],
			body: 'Ich vertrete eine Kollegin während der Elternzeit und brauche Vollzugriff und „Senden als“ auf das Funktionspostfach {mailbox} sowie den gemeinsamen Kalender. Die Teamleitung hat zugestimmt.',
			ask: 'Hallo {first}, soll der Zugriff automatisch enden, wenn Ihre Kollegin zurückkommt? Dann nennen Sie uns bitte das Datum.',
			answer: 'Ja, bis Ende März bitte.',
			fix: 'Hallo {first}, Sie haben bis 31. März Vollzugriff und „Senden als“ für {mailbox}. Das Postfach erscheint nach einem Outlook-Neustart automatisch (kann bis zu einer Stunde dauern).'
		}
	},
	{
		category: 'email',
		priorities: [1, 2],
		en: {
			titles: [
				'Suspicious email – I clicked the link',
				'Phishing? Entered my password on a fake page'
			],
			body: 'I received an email "Your invoice is ready – DocuSign" and clicked the link. A Microsoft login page opened and I entered my password before I noticed the address was strange. The mail is still in my inbox. What should I do?',
			ask: 'Hi {first}, thank you for reporting this right away. Please do not use the link again. Did you also confirm an MFA prompt after entering the password?',
			answer: 'Yes, I think I approved one push notification, sorry.',
			fix: 'Hi {first}, we reset your password, revoked all active sessions and tokens, and checked the sign-in logs: there was one sign-in attempt from abroad that we blocked. The phishing mail was removed from all mailboxes. Please set a new password at your next login.'
		},
		de: {
			titles: [
				'Verdächtige Mail – ich habe auf den Link geklickt',
				'Phishing? Passwort auf gefälschter Seite eingegeben'
			],
			body: 'Ich habe eine Mail „Ihre Rechnung ist bereit – DocuSign“ bekommen und den Link angeklickt. Es öffnete sich eine Microsoft-Anmeldeseite und ich habe mein Passwort eingegeben, bevor mir die seltsame Adresse auffiel. Die Mail ist noch im Posteingang. Was soll ich tun?',
			ask: 'Hallo {first}, danke für die sofortige Meldung. Bitte den Link nicht erneut öffnen. Haben Sie nach der Passworteingabe auch eine MFA-Anfrage bestätigt?',
			answer: 'Ja, ich glaube, ich habe eine Push-Benachrichtigung bestätigt, sorry.',
			fix: 'Hallo {first}, wir haben Ihr Passwort zurückgesetzt, alle aktiven Sitzungen und Tokens widerrufen und die Anmeldeprotokolle geprüft: Es gab einen Anmeldeversuch aus dem Ausland, den wir blockiert haben. Die Phishing-Mail wurde aus allen Postfächern entfernt. Bitte vergeben Sie bei der nächsten Anmeldung ein neues Passwort.'
		}
	},
	{
		category: 'email',
		priorities: [3, 4],
		en: {
			titles: [
				'Outlook shows "Disconnected" and does not update',
				'No new mails in Outlook since this morning'
			],
			body: 'Outlook shows "Disconnected" in the status bar and I have not received any new mails since this morning. Outlook on the web shows new mails, so they are arriving.',
			ask: 'Hi {first}, could you close Outlook, start it with "outlook.exe /resetnavpane" via Win+R, and tell us whether it connects then?',
			answer: 'Still "Disconnected".',
			fix: 'Hi {first}, your offline cache (OST file) was damaged. We renamed it so that Outlook built a fresh one; it is downloading your mail now and shows "Connected". The first sync may take an hour.'
		},
		de: {
			titles: [
				'Outlook zeigt „Getrennt“ und aktualisiert nicht',
				'Seit heute früh keine neuen Mails in Outlook'
			],
			body: 'Outlook zeigt in der Statusleiste „Getrennt“ und ich habe seit heute Morgen keine neuen Mails bekommen. In Outlook im Web sind neue Mails da, sie kommen also an.',
			ask: 'Hallo {first}, könnten Sie Outlook schließen, über Win+R mit „outlook.exe /resetnavpane“ starten und uns sagen, ob es sich dann verbindet?',
			answer: 'Immer noch „Getrennt“.',
			fix: 'Hallo {first}, Ihr Offline-Cache (OST-Datei) war beschädigt. Wir haben ihn umbenannt, sodass Outlook einen neuen anlegt; Ihre Mails werden gerade geladen, Status „Verbunden“. Die erste Synchronisation kann eine Stunde dauern.'
		}
	},
	{
		category: 'printing',
		priorities: [3, 4],
		en: {
			titles: ['Printer {printer}: paper jam', 'Paper jam on {printer} ({floor})'],
			body: 'The printer {printer} on {floor} shows "Paper jam in tray 2" (error 13.B2), but there is no paper visible anywhere. We opened every flap. The whole floor prints on it.',
			ask: 'Hi {first}, is the display still showing 13.B2 after switching the printer off and on again? If so, could you send a photo of the display?',
			answer: 'Yes, still 13.B2 after the restart. Photo is in my mail.',
			fix: 'Hi {first}, our technician found a torn piece of paper behind the fuser and replaced the worn pickup roller of tray 2. The printer works again; we left some spare toner on the shelf next to it as well.'
		},
		de: {
			titles: ['Drucker {printer}: Papierstau', 'Papierstau am {printer} ({floor})'],
			body: 'Der Drucker {printer} im {floor} meldet „Papierstau in Fach 2“ (Fehler 13.B2), aber nirgends ist Papier zu sehen. Wir haben alle Klappen geöffnet. Die ganze Etage druckt darüber.',
			ask: 'Hallo {first}, steht nach Aus- und Wiedereinschalten immer noch 13.B2 im Display? Dann schicken Sie uns bitte ein Foto vom Display.',
			answer: 'Ja, nach dem Neustart immer noch 13.B2. Foto ist in meiner Mail.',
			fix: 'Hallo {first}, unser Techniker hat ein eingerissenes Stück Papier hinter der Fixiereinheit gefunden und die abgenutzte Einzugsrolle von Fach 2 getauscht. Der Drucker läuft wieder; Ersatztoner liegt jetzt auch im Regal daneben.'
		}
	},
	{
		category: 'printing',
		priorities: [3, 4],
		en: {
			titles: ['Print jobs stuck in the queue', 'Cannot print – jobs stay "spooling"'],
			body: 'My print jobs stay in the queue with status "spooling" and never come out on {printer}. Colleagues can print. I need to print contracts for signing today.',
			ask: 'Hi {first}, do you print through "FollowMe" (badge at the printer) or directly to {printer}?',
			answer: 'Directly to {printer}.',
			fix: 'Hi {first}, the direct printer connection on your laptop used an old driver. We removed it and connected you to the FollowMe queue: print as usual, then hold your badge at any printer to release the job.'
		},
		de: {
			titles: [
				'Druckaufträge hängen in der Warteschlange',
				'Drucken geht nicht – Aufträge bleiben bei „Spooling“'
			],
			body: 'Meine Druckaufträge bleiben mit Status „Spooling“ in der Warteschlange und kommen am {printer} nie an. Kollegen können drucken. Ich muss heute Verträge zur Unterschrift drucken.',
			ask: 'Hallo {first}, drucken Sie über „FollowMe“ (Ausweis am Drucker) oder direkt auf den {printer}?',
			answer: 'Direkt auf den {printer}.',
			fix: 'Hallo {first}, die direkte Druckerverbindung auf Ihrem Laptop nutzte einen alten Treiber. Wir haben sie entfernt und Sie mit der FollowMe-Warteschlange verbunden: wie gewohnt drucken, dann den Ausweis an einen beliebigen Drucker halten.'
		}
	},
	{
		category: 'printing',
		priorities: [3, 4],
		en: {
			titles: ['Scan to email not working on {printer}', 'Scanner does not send emails anymore'],
			body: 'Scan to email on {printer} stopped working. The scan runs through, but no email arrives, and the display says "Send failed (SMTP)". Scanning to a USB stick works.',
			ask: 'Hi {first}, since when does it fail – do you know whether it worked last week?',
			answer: 'It worked on Friday for sure.',
			fix: 'Hi {first}, the scanner’s mail account had its password rotated on Monday and the printer still used the old one. We updated it on all multifunction printers; scan to email works again.'
		},
		de: {
			titles: [
				'Scan-to-E-Mail am {printer} funktioniert nicht',
				'Scanner verschickt keine Mails mehr'
			],
			body: 'Scannen an E-Mail am {printer} geht nicht mehr. Der Scan läuft durch, aber es kommt keine Mail an, im Display steht „Senden fehlgeschlagen (SMTP)“. Scannen auf USB-Stick funktioniert.',
			ask: 'Hallo {first}, seit wann tritt das auf – wissen Sie, ob es letzte Woche noch ging?',
			answer: 'Am Freitag ging es auf jeden Fall noch.',
			fix: 'Hallo {first}, beim Mailkonto des Scanners wurde am Montag das Passwort gewechselt, der Drucker nutzte noch das alte. Wir haben es auf allen Multifunktionsgeräten aktualisiert; Scannen an E-Mail geht wieder.'
		}
	},
	{
		category: 'other',
		priorities: [2, 3, 4],
		en: {
			titles: ['Projector in {room} shows "no signal"', 'Meeting room {room}: screen stays black'],
			body: 'The projector in {room} shows "no signal" whatever laptop we connect (HDMI and the wireless presenter). The board meeting is in that room on {day} morning.',
			ask: 'Hi {first}, is the input on the projector remote set to "HDMI 1"? The cleaning staff sometimes switch it by accident.',
			answer: 'We tried all inputs, nothing.',
			fix: 'Hi {first}, the HDMI cable in the table connector was broken inside. We replaced the cable and the table connector and tested with two laptops and the wireless presenter – all fine for the board meeting.'
		},
		de: {
			titles: [
				'Beamer in {room} zeigt „Kein Signal“',
				'Besprechungsraum {room}: Leinwand bleibt schwarz'
			],
			body: 'Der Beamer in {room} zeigt „Kein Signal“, egal welchen Laptop wir anschließen (HDMI und kabelloser Presenter). Am {day} Vormittag findet dort die Vorstandssitzung statt.',
			ask: 'Hallo {first}, steht der Eingang auf der Beamer-Fernbedienung auf „HDMI 1“? Der wird beim Reinigen manchmal versehentlich umgestellt.',
			answer: 'Wir haben alle Eingänge probiert, nichts.',
			fix: 'Hallo {first}, das HDMI-Kabel im Tischanschluss war innen gebrochen. Wir haben Kabel und Tischanschluss getauscht und mit zwei Laptops und dem Presenter getestet – alles bereit für die Vorstandssitzung.'
		}
	},
	{
		category: 'other',
		priorities: [4],
		en: {
			titles: [
				'Desk move: phone and docking station',
				'Moving to {floor} – please move my workplace'
			],
			body: 'Our team moves to {floor} next Monday. Could you move my docking station, monitors and desk phone to desk {room}-12? I will pack my things on Friday.',
			ask: 'Hi {first}, please label your monitors and dock with your name and the new desk number so the movers can place them correctly. Is Friday after 3 pm fine for us?',
			answer: 'Labelled. Friday after 3 pm is fine.',
			fix: 'Hi {first}, your workplace is set up at {room}-12: dock, two monitors and the desk phone (same number) are connected and tested. Welcome to {floor}!'
		},
		de: {
			titles: [
				'Umzug: Telefon und Dockingstation',
				'Umzug ins {floor} – bitte Arbeitsplatz umziehen'
			],
			body: 'Unser Team zieht nächsten Montag ins {floor}. Könnten Sie meine Dockingstation, Monitore und das Tischtelefon an Platz {room}-12 umziehen? Ich packe am Freitag meine Sachen.',
			ask: 'Hallo {first}, bitte beschriften Sie Monitore und Dock mit Ihrem Namen und der neuen Platznummer, damit alles richtig aufgebaut wird. Passt Ihnen Freitag ab 15 Uhr für uns?',
			answer: 'Ist beschriftet. Freitag ab 15 Uhr passt.',
			fix: 'Hallo {first}, Ihr Arbeitsplatz an {room}-12 ist eingerichtet: Dock, zwei Monitore und Tischtelefon (gleiche Nummer) sind angeschlossen und getestet. Willkommen im {floor}!'
		}
	}
];

type Pool = Record<Lang, string[]>;

/** Phrases agents use along the way, per language. */
export const PHRASES: Record<
	| 'ack'
	| 'progress'
	| 'note'
	| 'escalate'
	| 'deep'
	| 'handBack'
	| 'hold'
	| 'reopen'
	| 'nudge'
	| 'raise'
	| 'lower'
	| 'stillBroken'
	| 'check',
	Pool
> = {
	ack: {
		en: [
			'Hi {first}, thanks for your request – I am looking into it now.',
			'Hi {first}, we have picked this up and will get back to you shortly.'
		],
		de: [
			'Hallo {first}, danke für Ihre Meldung – ich schaue mir das jetzt an.',
			'Hallo {first}, wir haben das übernommen und melden uns in Kürze.'
		]
	},
	progress: {
		en: [
			'Hi {first}, a short update: we found the cause and are working on the fix.',
			'Hi {first}, we are still on it – the specialist team is testing a solution.'
		],
		de: [
			'Hallo {first}, kurzer Zwischenstand: Die Ursache ist gefunden, wir arbeiten an der Lösung.',
			'Hallo {first}, wir sind dran – das Fachteam testet gerade eine Lösung.'
		]
	},
	note: {
		en: [
			'Checked the knowledge base, no known issue matches. Remote session planned.',
			'User is on VPN; event log shows repeated warnings since the last patch day.',
			'Same symptom reported twice this week – keep an eye on it.',
			'Called the user, could not reproduce while on the phone.'
		],
		de: [
			'Wissensdatenbank geprüft, kein bekannter Fehler passt. Fernwartung geplant.',
			'Nutzer ist im VPN; im Ereignisprotokoll seit dem letzten Patchday wiederholt Warnungen.',
			'Gleiches Symptom diese Woche schon zweimal gemeldet – im Auge behalten.',
			'Nutzerin angerufen, am Telefon nicht reproduzierbar.'
		]
	},
	escalate: {
		en: [
			'First-level checks done (restart, cache, profile); needs configuration access we do not have on L1.',
			'Standard fix from the knowledge base did not help; needs a specialist.',
			'Affects more than one user – handing to the specialist team.'
		],
		de: [
			'First-Level-Prüfungen erledigt (Neustart, Cache, Profil); braucht Konfigurationszugriff, den L1 nicht hat.',
			'Standardlösung aus der Wissensdatenbank hat nicht geholfen; braucht Spezialisten.',
			'Betrifft mehrere Nutzer – Übergabe an das Fachteam.'
		]
	},
	deep: {
		en: [
			'Server-side cause suspected (logs show errors on the backend); needs L3.',
			'Requires a change to central configuration – L3 change process.',
			'Vendor case likely; L3 please take over.'
		],
		de: [
			'Ursache vermutlich serverseitig (Fehler in den Backend-Logs); braucht L3.',
			'Erfordert eine Änderung der zentralen Konfiguration – L3-Change-Prozess.',
			'Vermutlich Herstellerfall; bitte L3 übernehmen.'
		]
	},
	handBack: {
		en: [
			'Configuration fixed on our side; please verify with the user and close.',
			'Not a platform issue – local client problem, back to the service desk.',
			'Change deployed; first level can do the remaining client steps.'
		],
		de: [
			'Konfiguration auf unserer Seite korrigiert; bitte mit dem Nutzer verifizieren und schließen.',
			'Kein Plattformproblem – lokales Clientproblem, zurück an den Service Desk.',
			'Change ist ausgerollt; die restlichen Schritte am Client kann der First Level machen.'
		]
	},
	hold: {
		en: [
			'Hi {first}, the replacement part is ordered; the supplier confirmed delivery for next week. We will contact you as soon as it arrives.',
			'Hi {first}, we are waiting for the vendor to confirm a fix. We will update you as soon as we hear back.',
			'Hi {first}, the change is scheduled for the next maintenance window on Saturday. Until then this ticket is on hold.'
		],
		de: [
			'Hallo {first}, das Ersatzteil ist bestellt; der Lieferant hat die Lieferung für nächste Woche bestätigt. Wir melden uns, sobald es da ist.',
			'Hallo {first}, wir warten auf eine Rückmeldung des Herstellers. Sobald wir etwas hören, melden wir uns.',
			'Hallo {first}, die Änderung ist für das nächste Wartungsfenster am Samstag eingeplant. Bis dahin ruht dieses Ticket.'
		]
	},
	reopen: {
		en: [
			'Unfortunately the problem is back since this morning.',
			'It worked for a day, now the same error again.'
		],
		de: [
			'Leider ist das Problem seit heute Morgen wieder da.',
			'Ging einen Tag lang, jetzt wieder der gleiche Fehler.'
		]
	},
	stillBroken: {
		en: [
			'Hi {first}, sorry about that – we found a second cause and fixed it as well. Please check again.'
		],
		de: [
			'Hallo {first}, das tut uns leid – es gab eine zweite Ursache, die wir jetzt ebenfalls behoben haben. Bitte noch einmal prüfen.'
		]
	},
	check: {
		en: [
			'Hi {first}, we changed a setting on our side. Could you test again and let us know whether the problem still occurs?'
		],
		de: [
			'Hallo {first}, wir haben auf unserer Seite eine Einstellung geändert. Könnten Sie noch einmal testen und uns sagen, ob das Problem weiterhin auftritt?'
		]
	},
	nudge: {
		en: ['Any news on this? It is getting urgent for me.', 'Is there an update? Thanks!'],
		de: [
			'Gibt es hierzu schon etwas Neues? Es wird langsam dringend.',
			'Gibt es einen Zwischenstand? Danke!'
		]
	},
	raise: {
		en: ['Raised the priority: more users affected than first reported.'],
		de: ['Priorität erhöht: mehr Nutzer betroffen als ursprünglich gemeldet.']
	},
	lower: {
		en: ['Lowered the priority: workaround in place, user can work.'],
		de: ['Priorität gesenkt: Workaround vorhanden, Nutzer kann arbeiten.']
	}
};

/** Values for the `{name}` placeholders; language-specific where the words differ. */
export const VALUES: Record<string, string[] | Pool> = {
	site: ['Hamburg', 'Bremen', 'Leipzig', 'Köln'],
	room: ['Elbe', 'Alster', 'Weser', 'Spree', 'Isar', 'Main'],
	floor: {
		en: ['2nd floor', '3rd floor', '4th floor', 'ground floor'],
		de: ['2. OG', '3. OG', '4. OG', 'EG']
	},
	printer: ['KM-C450i-03', 'HP-M607-2OG', 'KM-C300i-EG', 'HP-E87660-4OG'],
	laptop: ['Lenovo ThinkPad T14 Gen 4', 'Dell Latitude 7440', 'HP EliteBook 840 G10'],
	day: {
		en: ['Monday', 'yesterday', 'this morning', 'Tuesday', 'Thursday'],
		de: ['Montag', 'gestern', 'heute Morgen', 'Dienstag', 'Donnerstag']
	},
	time: ['07:40', '08:15', '09:05', '13:20', '14:50'],
	share: ['Finance', 'Einkauf', 'Marketing', 'Controlling', 'HR-Recruiting'],
	sapRole: ['Z_FI_AP_CLERK', 'Z_FI_GL_CLOSE', 'Z_MM_BUYER', 'Z_SD_ORDER_ENTRY'],
	jiraProject: ['ORION', 'PAYFLOW', 'WMS-NEXT', 'CRM360'],
	licence: ['Adobe Acrobat Pro', 'Microsoft Visio Plan 2', 'Microsoft Project', 'SnagIt'],
	app: ['Python 3.12', 'Power BI Desktop', 'DBeaver', 'Notepad++', 'WinSCP'],
	newhire: ['Lena Vogt', 'Marco Rossi', 'Aylin Demir', 'James Whitfield', 'Sara Lindqvist'],
	date: {
		en: ['1 December', '2 January', '15 January'],
		de: ['1. Dezember', '2. Januar', '15. Januar']
	},
	mailbox: ['einkauf@', 'bewerbungen@', 'support-emea@', 'rechnungen@'],
	size: ['49.8 GB', '50 GB', '49.9 GB']
};
