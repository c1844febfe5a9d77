"""Text for the evaluation corpus: a small template language and the banks it draws from.

Template syntax: `[a|b|c]` picks one alternative (alternatives may be empty, and brackets may
nest), `{slot}` is filled from a dict. Hostile lure wording comes in two disjoint families, one
per world; genuine text is mostly commonplace shared by both worlds, with the organisation-bound
templates (recruitment agencies, expert networks, event organisers) held per world.
"""

from __future__ import annotations

import random
import re

_CHOICE = re.compile(r"\[([^\[\]]*)\]")


def expand(template: str, rng: random.Random, slots: dict | None = None) -> str:
    """Resolves `[a|b]` choices innermost first, then fills `{slot}`s."""
    text = template
    while True:
        m = _CHOICE.search(text)
        if not m:
            break
        text = text[: m.start()] + rng.choice(m.group(1).split("|")) + text[m.end():]
    text = text.format_map(_Slots(slots or {}))
    return re.sub(r"  +", " ", text).replace(" ,", ",").replace(" .", ".").strip()


class _Slots(dict):
    def __missing__(self, key):
        raise KeyError(f"template slot {{{key}}} has no value")


def pick(rng: random.Random, bank: list, slots: dict) -> str:
    return expand(rng.choice(bank), rng, slots)


# ---------------------------------------------------------------------------------------------
# Hostile approaches: one family of phrasings per world. Moves are combined by the generator.

LURES = {
    "tune": {
        "greet": ["Hi {first},", "Hello {first},", "Dear {first},", "Good morning {first},", "Dear {first} {last},"],
        "hook": [
            "I came across your [impressive|remarkable|outstanding] profile and was [struck|impressed] by your [experience|expertise|background] in {field}.",
            "Your work on {field} at {rorg} [really stands out|is exactly what we are looking for].",
            "I have been following your [career|work] for some time and [greatly admire|truly respect] your insight into {field}.",
            "We are [building|putting together] a [small|select] group of [senior|experienced] professionals with your [kind|type] of background.",
            "Someone with your [depth|level] of experience in {field} is [rare|hard to find].",
            "I was given your name as [one of the leading voices|a respected voice|a respected practitioner] on {field}.",
            "Your [profile|background] [fits|matches] [perfectly|exactly] what [my client|our organisation] [is seeking|has in mind].",
        ],
        "consultancy": [
            "[My client|Our client], a [private|boutique] [investment firm|advisory firm], is [seeking|looking for] [short-term|occasional] [expert advice|consultancy support] on {field}.",
            "We would like to invite you to join our [expert panel|advisory board] on {field}; the commitment is [light|flexible].",
            "We [provide|deliver] [strategic|market] [analysis|insight] to [corporate|institutional] clients and [need|require] [an experienced|a senior] [consultant|adviser] in {field}.",
        ],
        "white_paper": [
            "We would [commission|pay for] a [short|brief] [report|white paper|briefing paper] ([3,000|5,000] words) on {field} [from your perspective|drawing on your experience].",
            "[Our clients|Our readers] are [eager|keen] to [read|receive] [an insider's|a practitioner's] [view|analysis] of {field}, and we would [commission|sponsor] it.",
        ],
        "job": [
            "We are [hiring|recruiting] for a [senior|confidential] [role|position] with a [leading|well-funded] [organisation|firm] that [values|needs] your [skills|background] in {field}.",
            "[I am|We are] [currently|presently] [retained|engaged] to [find|recruit] a [Director|Head] of {field} for [an international|a global] client.",
        ],
        "trip": [
            "[We would be honoured|It would be an honour] to [invite|host] you [as a keynote speaker|on a panel] at our [forum|symposium] in {city_abroad} [next month|this autumn].",
            "[Our institute|Our centre] [organises|runs] an [exchange|study] [visit|programme] to {city_abroad} for [senior|leading] [experts|officials] in {field}, and [we hope|we would like] you [can|could] join.",
        ],
        "research": [
            "I am [conducting|leading] [research|a study] on {field} and would [value|welcome] a [short|confidential] [conversation|interview] with you.",
            "[Our institute|My team] is [preparing|writing] a [report|book] on {field} and your [insights|views] would be [invaluable|extremely helpful].",
        ],
        "fellowship": [
            "We [offer|run] a [visiting|research] fellowship for [senior|mid-career] officials [interested in|working on] {field}.",
        ],
        "payment": [
            "[The fee|Remuneration] [would be|is] [generous|very competitive|£{fee} per day].",
            "[All travel and accommodation|Flights and hotel] [would be covered|are paid by us].",
            "We [pay|offer] an [honorarium|attractive fee] of £{fee} [for each|per] [paper|session|hour].",
            "[Compensation|Payment] is [substantial|well above market rate] and [can be|is] [paid|arranged] [promptly|flexibly].",
        ],
        "urgency": [
            "[The deadline is tight|Time is short], so [I'd appreciate|please send] a [quick|prompt] reply.",
            "[We need to|I must] [confirm|finalise] [names|the panel] [by Friday|this week].",
            "[This opportunity|The position] will [close|be filled] [soon|shortly], so [please|do] [reply|respond] [quickly|at your earliest convenience].",
        ],
        "channel": [
            "[It would be easier|It's more convenient] to [continue|talk] on WhatsApp: {phone}.",
            "[Please|Kindly] [add me|message me] on [Telegram|Signal] ({phone}).",
            "[Could you|Would you] [send|share] your [personal|private] email [address] so I can [share details|send the brief]?",
            "[My personal address is|You can reach me at] {webmail}, [which I check more often|as I prefer email].",
        ],
        "request": [
            "[Could you|Would you] [send|share] your [latest|current] [CV|résumé]?",
            "[It would help to know|Please let me know] [your current role and team|which programmes you work on|your clearance level].",
            "[Could you|Would you] tell me [a little|more] about [your current responsibilities|the projects your team is working on]?",
        ],
        "close": ["[Looking forward to|I look forward to] [hearing from you|your reply].", "[Best|Kind|Warm] regards,",
                  "[Thanks|Thank you] [in advance|for your time].", "[Best wishes|Regards], {sfirst}"],
        "followup": [
            "[Hi|Hello] {first}, [did you see|have you had a chance to read] my [last|previous] message?",
            "[Just following up|Following up] on my [note|offer] — [are you interested|any thoughts]?",
            "[I have sent|We sent] the [details|brief] to your [inbox|email]; [please|kindly] [confirm|check].",
        ],
    },
    "heldout": {
        "greet": ["Hey {first},", "Hi there {first},", "Greetings {first},", "{first} —", "Hope you're well {first}."],
        "hook": [
            "Your profile [caught my eye|came up in my research] — few people [combine|bring together] {field} and [hands-on|practical] government experience [like you do|the way you do].",
            "Reading about your role at {rorg}, I [thought|felt] you would be [the right person|ideal] to [ask|approach].",
            "[Colleagues|Contacts] of mine [speak highly of|recommend] your [judgement|perspective] on {field}.",
            "It is not often I see a profile [as strong as|that matches] yours on {field}.",
            "Your [posts|comments] on {field} [show|reveal] a [sharp|rare] [understanding|grasp] of the issues.",
            "I'm [reaching out|writing] to a [handful|short list] of [specialists|experts] in {field}, and your name [was at the top|came first].",
            "[People|Practitioners] who [really|actually] understand {field} are [scarce|few and far between], and you [clearly|obviously] do.",
        ],
        "consultancy": [
            "A [client|partner] of ours [needs|wants] [a few hours of|periodic] [input|guidance] from [someone who knows|a practitioner in] {field}, [strictly on a paid basis|paid by the hour].",
            "[We help|Our firm helps] [investors|family offices] [make sense of|understand] {field} and [are building|are assembling] a [bench|roster] of [trusted|seasoned] [advisers|experts].",
            "[There's|We have] a [retainer|standing arrangement] [available|open] for an [adviser|insider] on {field} — [a call or two a month|a couple of calls monthly].",
        ],
        "white_paper": [
            "[Would you consider|Might you be open to] [writing|preparing] a [brief|concise] [analysis|memo|assessment] of {field} for [our members|a private readership]?",
            "[We're after|We are looking for] [a frank|an honest] [write-up|note] on [where|how] {field} [is heading|will develop], [ten pages at most|nothing long].",
        ],
        "job": [
            "A [discreet|confidential] [vacancy|opening] has come up that [fits|matches] your [profile|experience] [closely|perfectly]: [senior|lead] [adviser|specialist], {field}.",
            "[One of our clients|A client] is [quietly|discreetly] [building|growing] a {field} [team|unit] and [asked|wants] me to [approach|sound out] you [first|personally].",
        ],
        "trip": [
            "[We'd like to|Our board would like to] [fly you out|bring you] to {city_abroad} [to speak at|for] our [annual|spring] [gathering|roundtable], [all expenses covered|with everything arranged].",
            "[Each year|Every year] a [delegation|small party] of [western|European] [specialists|practitioners] [visits|tours] {city_abroad} as our guests, and [there's|we have] a [place|seat] for you.",
        ],
        "research": [
            "[Our team|My group] is [compiling|writing] a [study|book] on {field}; a [brief|thirty-minute] [chat|exchange] with you [would make a real difference|would be invaluable].",
            "[For a project|For a private study] on {field} we [want to hear|need to hear] from [people inside government|insiders] — [off the record|in confidence], of course.",
        ],
        "fellowship": [
            "[Every year|Each year] we [select|invite] a few [practitioners|officials] [for a paid residency|to a funded programme] on {field}.",
        ],
        "payment": [
            "[Naturally|Of course], your [time|contribution] [will be|would be] [compensated|rewarded] ([USD|GBP|EUR] {fee} [an hour|a day|for the piece]).",
            "[Everything is on us|We take care of everything]: [flights, hotel and a stipend|travel, lodging and a speaker's fee].",
            "[Rates|The rate] [start|starts] at {fee} [a session|an hour], [more|higher] for [written work|reports].",
            "[We settle|Payment is settled] [quickly|within a week], [by bank transfer or however suits you|in whatever currency you like].",
        ],
        "urgency": [
            "[Places are limited|Only a few seats remain], so [an early answer helps|please answer soon].",
            "[Ideally|If possible] we [would speak|would talk] [in the next day or two|before the weekend].",
            "[Things move fast on this|The client is in a hurry], so [let me know|tell me] [today|as soon as you can] if [you're in|it appeals].",
        ],
        "channel": [
            "[LinkedIn messages are unreliable for me|I rarely check LinkedIn], so [WhatsApp is best|ping me on WhatsApp]: {phone}",
            "[Let's move this to|Better to continue on] [Signal|Telegram|WeChat] — [my number is|I'm on] {phone}.",
            "[Drop me a line|Write to me] at {webmail} [rather than here|instead of on this site].",
            "[What's|Send me] your [private|home] [e-mail|mail], [and|so] I'll [forward|send] [the details|everything] [there|that way].",
        ],
        "request": [
            "[To match you properly|So we can prepare], [send over|forward] your CV [and a note on your current portfolio|with your present responsibilities].",
            "[What level of clearance|Which vetting level] do you [hold|currently have]? [It matters for|This affects] [the brief|what we can share].",
            "[Tell me|Share] a [bit|little] about the [programmes|files] you [handle|cover] [day to day|at the moment].",
        ],
        "close": ["[Speak soon|Talk soon|Hope to hear back].", "[Cheers|All the best|Many thanks],",
                  "[Have a good week|Enjoy your weekend].", "{sfirst}"],
        "followup": [
            "{first}, [any news|any word] on [my note|the offer]?",
            "[Bumping this up|Circling back] — [still keen|we're still keen] to [hear your view|have you on board].",
            "[The details are|Everything is] [waiting in|in] your [inbox|email]; [let me know|tell me] [once you've looked|what you think].",
        ],
    },
}

# Sentences each campaign repeats word for word (its operators' own turns of phrase): the rare
# shared text by which a team recognises one campaign across officials. Two per front.
CAMPAIGN_SIGNATURES = {
    "tune": [
        "Our members value candid perspectives from practitioners who have sat at the table.",
        "We are convinced that dialogue between East and West must be built by people like you.",
        "Kindly note our engagements are handled with full discretion and flexible hours.",
        "The forum gathers a hundred decision makers under the Chatham House rule each year.",
        "Contributors receive a modest honorarium and a copy of the finished volume.",
        "Our clients in the aviation sector are expanding very rapidly in Europe and Asia.",
        "We only work with people of proven integrity and long public service.",
        "Our centre builds bridges of understanding along the maritime routes of the new century.",
        "The editorial board publishes practitioner essays in English and Mandarin.",
        "Confidential mandates like this one are never advertised publicly.",
        "We believe in a win-win partnership between experts and industry.",
        "Please treat this invitation as personal and not for circulation.",
        "Every participant is offered a private tour and cultural programme.",
        "I handle a small portfolio of very senior searches for sovereign clients.",
        "Your experience would be a precious asset to our research community.",
        "Our analysts are former officials, so we understand your constraints.",
        "Insight from inside the system is what our investors value most.",
        "Short notes of two or three pages are perfectly sufficient for us.",
        "The journal welcomes honest reflections from serving officials.",
        "We protect the identity of every contributor without exception.",
    ],
    "heldout": [
        "What we offer is a quiet channel between serious people.",
        "Think of it as a paid conversation among peers, nothing more.",
        "Our symposium has hosted ministers from thirty countries since its founding.",
        "The arrangement suits people who prefer to stay in the background.",
        "Our partners fund independent voices who understand how policy is really made.",
        "We are growing a defence-technology practice across three continents.",
        "Delegates enjoy a curated programme of site visits and private dinners.",
        "Our network spans governments, industry and academia in the Pacific rim.",
        "The review prints unsigned pieces when authors ask for it.",
        "This brief comes from a principal who insists on discretion.",
        "Honest views from practitioners are worth far more to us than polished reports.",
        "There is no obligation and nothing you share will be attributed.",
        "Many of our fellows return home with lasting friendships.",
        "We look for experts whose judgement has been tested in government.",
        "Our readership is small, senior and entirely private.",
        "We already work with several of your former colleagues.",
        "Frank opinions help our investors more than any public report.",
        "A single page of bullet points would already be very useful.",
        "We publish in several languages for a global audience.",
        "Your privacy matters to us as much as your expertise.",
    ],
}

# Wording from the team's earlier, closed cases (on the watchlist as `text` rows).
STALE_SIGNATURES = {
    "tune": ["We sincerely invite you to share your valuable experience with our members.",
             "This is a unique chance to contribute to world peace and development.",
             "All of our consultants are former senior officials of Western governments.",
             "Our foundation supports young leaders who build friendship between nations."],
    "heldout": ["Your voice deserves to be heard beyond the walls of your ministry.",
                "We reward insight generously and never ask for anything improper.",
                "The programme is fully funded by our industrial partners.",
                "Serious people recognise a serious offer when they see one."],
}

# Fields of expertise a lure names (as the approached official would recognise their own work).
LURE_FIELDS = ["{topic} policy", "{topic}", "the {topic} agenda", "{topic} strategy", "government work on {topic}"]

# About texts of fake personas, per world and per front kind.
HOSTILE_ABOUTS = {
    "tune": {
        "recruiter": ["Passionate about connecting [exceptional|brilliant] talent with [unique|rewarding] opportunities in [policy|government|strategy].",
                      "Headhunter [specialising|focused] on [senior|executive] [appointments|search] for [international|global] clients. [Discreet and professional.|Confidentiality guaranteed.]"],
        "think_tank": ["[Researcher|Scholar] at {front}, [promoting|fostering] [dialogue|exchange] between [Europe and Asia|East and West].",
                       "Interested in [international relations|global governance], [cultural exchange|people-to-people exchange] and [win-win cooperation|mutual understanding]."],
        "consultancy": ["[Senior|Experienced] consultant [advising|helping] [investors|corporate clients] on [policy risk|regulatory trends] in Europe.",
                        "Connecting [decision makers|industry leaders] with [expert insight|real-world expertise]. [Always happy to connect.|Open to new connections.]"],
        "conference": ["[Event director|Programme manager] at {front}. [Bringing together|Connecting] [leaders|thinkers] from [around the world|every continent]."],
        "academic": ["[Editor|Managing editor] of {front}. [Looking for|Inviting] [contributors|authors] with [policy|practical] experience."],
        "media": ["[Journalist|Writer] [covering|interested in] [geopolitics|global affairs] and [security|technology]. [DMs open.|Happy to talk.]"],
        "tech_recruiter": ["[Talent acquisition|Recruitment] lead for [aerospace|defence] [programmes|clients]. [Exciting|Great] [opportunities|roles] for [engineers|specialists]!"],
    },
    "heldout": {
        "recruiter": ["[Placing|Matching] [seasoned|senior] [professionals|leaders] with [clients|principals] who [value|reward] [discretion|experience].",
                      "Career [partner|adviser] to [people|professionals] in [public service|government]. [Let's talk.|Message me anytime.]"],
        "think_tank": ["[Fellow|Associate] at {front}. [Building|Growing] [bridges|ties] across [oceans|regions] through [dialogue|research].",
                       "My work: [strategic|policy] [dialogue|exchange], [connectivity|cooperation] and [shared prosperity|common futures]."],
        "consultancy": ["[Advising|Supporting] [family offices|funds] on [geo-economics|policy risk]. [Former|Ex-] [analyst|strategist].",
                        "[Insight|Intelligence] for [investors|boards] [navigating|facing] [regulation|policy change]."],
        "conference": ["[Curating|Organising] [high-level|international] [symposia|roundtables] on [technology and strategy|the future of security]."],
        "academic": ["[Commissioning|Acquisitions] editor at {front}. [Practitioner|Insider] [voices|perspectives] [wanted|welcome]."],
        "media": ["[Reporting|Writing] on [power|strategy] and [technology|defence]. [Tips welcome.|Inbox open.]"],
        "tech_recruiter": ["[Building|Scaling] [world-class|elite] [engineering|technical] [teams|talent] in [defence tech|aerospace]."],
    },
}

HOSTILE_HEADLINES = {
    "tune": {
        "recruiter": ["Senior Talent Partner | {front}", "Executive Headhunter at {front}", "Talent Acquisition Director | Government & Policy"],
        "think_tank": ["Research Fellow at {front}", "Project Manager, {front}", "Programme Officer | International Exchange"],
        "consultancy": ["Senior Consultant at {front}", "Managing Partner | {front}", "Business Development Director"],
        "conference": ["Event Director at {front}", "Head of Delegate Relations | {front}"],
        "academic": ["Editor, {front}", "Associate Editor at {front}"],
        "media": ["Correspondent | {front}", "Contributing Writer at {front}"],
        "tech_recruiter": ["Talent Acquisition Lead at {front}", "Senior Recruiter | Aerospace & Defence"],
    },
    "heldout": {
        "recruiter": ["Career Partner at {front}", "Principal, Executive Resourcing | {front}", "Senior Resourcer - Public Sector Leaders"],
        "think_tank": ["Fellow | {front}", "Dialogue Programme Lead at {front}", "Associate Researcher, {front}"],
        "consultancy": ["Director, Geo-Economic Advisory | {front}", "Client Partner at {front}", "Strategic Insight Lead"],
        "conference": ["Symposium Director | {front}", "Speaker Relations at {front}"],
        "academic": ["Commissioning Editor | {front}", "Editorial Lead at {front}"],
        "media": ["Senior Writer | {front}", "Reporter at {front}"],
        "tech_recruiter": ["Head of Talent | {front}", "Technical Recruiter - Defence Programmes"],
    },
}
# Headlines that say nothing, used by fakes and by plenty of real members.
VAGUE_HEADLINES = ["Consultant", "Business Development", "Entrepreneur", "Open to opportunities", "Strategy | Innovation | Growth",
                   "Helping organisations grow", "International Relations", "Manager", "Professional"]

# ---------------------------------------------------------------------------------------------
# Genuine messages (commonplace: shared by both worlds)

CONFERENCE_NOTES = [
    "Hi {first}, I enjoyed your talk on {topic}.",
    "Hi {first}, great to meet you at {event}.",
    "Hi {first}, thanks for your talk on {topic} today - really useful.",
    "Great meeting you at {event}, {first}!",
    "Hi {first}, enjoyed our chat at {event}. Let's stay in touch.",
    "Hello {first}, I enjoyed your presentation on {topic}.",
    "Hi {first}, nice to meet you at {event} today.",
]

PERSONAL_NOTES = [
    "Hi {first}, we met briefly at {event} - I was the one asking about {topic}. Would be good to stay in touch.",
    "Hi {first}, we worked together on the {topic} programme back in {year}. Hope you're well!",
    "Hello {first}, fellow {uni} alum here ({year}). Saw you're now at {rorg} - congratulations!",
    "{first}, it's been ages! Just found you on here.",
    "Hi {first}, I'm joining {rorg} next month as {role} and thought I'd connect before I start.",
    "Hi {first}, I read your blog post on {topic} and agreed with a lot of it. Would love to connect.",
    "Hi {first}, {mutual} suggested I get in touch about {topic}.",
    "Hello {first}, I'm a {role} at {sorg} working on {topic}; our teams overlap a bit so I thought I'd connect.",
    "Hi {first} - thanks for your help on the call today.",
    "Dear {first}, it was a pleasure to share the panel with you last week.",
    "Hi {first}, my manager {mutual} mentioned you're the person to talk to about {topic}.",
    "Hi {first}, we were on the same {topic} working group last year. Good to connect here.",
    "Hi {first}! Lovely to bump into you at {event}.",
    "Hi {first}, I think we overlapped at {sorg} for a year or so. Hope all is well.",
    "Hello {first}, I'm the new {role} on the {topic} team at {sorg}; keen to connect with counterparts.",
    "Hi {first}, thanks for the chat after the {topic} session, really helpful.",
    "Hi {first}, we spoke on the phone last week about the {topic} consultation.",
    "Hi {first}, just connecting after the workshop - thanks for organising.",
    "Hi {first}, would be great to connect.",
    "Hello! Let's connect.",
    "Hi {first}, hope you're well - would be good to connect.",
    "Hi {first}, connecting as promised.",
    "Hi {first}, I came across your profile while looking into {topic} and would be glad to connect.",
    "Dear {first}, I'd be glad to connect with a fellow {topic} professional.",
]

# Plain notes that say nothing either way, written by genuine members and by the quiet first
# contact of a patient hostile persona alike.
PLAIN_NOTES = [
    "Hi {first}, I'd be glad to connect.",
    "Hi {first}, I came across your profile and would be glad to connect.",
    "Hello {first}, would be great to connect with you here.",
    "Hi {first}, I'm keen to grow my network in {topic} and would be glad to connect.",
    "Dear {first}, I'd be glad to connect with a fellow {topic} professional.",
    "Hi {first}, hope you're well. Would you like to connect?",
    "Hello {first}, I noticed we share an interest in {topic}. Let's connect.",
]

GRADUATE_NOTES = [
    "Hi {first}, I'm a recent {uni} graduate hoping to start a career in {topic}. I'd be very grateful for any advice you could share.",
    "Hi {first}, I'm applying to the Civil Service Fast Stream and would love to hear about your experience at {rorg}.",
    "Hello {first}, I'm a final-year student at {uni}. Could I ask you a couple of questions about working in {topic}?",
    "Hi {first}, I've just finished my degree and I'm interested in policy roles. Would you mind if I sent you my CV for feedback?",
    "Dear {first}, I'm a graduate interested in {topic} and would really appreciate connecting with people in the field.",
    "Hi {first}, I'm starting as a graduate analyst at {sorg} in September and trying to build my network. Thanks!",
    "Hi {first}, I'm a student at {uni} writing my dissertation on {topic}. Would you be open to a short chat?",
]

EMAIL_CONTINUE_NOTES = [
    "Hi {first}, thanks for connecting. It's easier for me to continue by email - I'm at {email}.",
    "Hi {first}, great to meet you at {event}. Could we continue over email? Mine is {email}.",
    "Hello {first}, following up on our chat about {topic} - my email is {email} if that's easier.",
    "Hi {first}, I'm not on here much; best to reach me at {email}.",
]

JOURNALIST_NOTES = [
    "Hi {first}, I'm a reporter at {outlet} working on a piece about {topic}. Would you be willing to have a quick chat, on background if you prefer? My email is {email}.",
    "Hi {first}, I write about {topic} for {outlet}. I'd like to connect and perhaps talk at some point.",
    "Dear {first}, I'm researching a feature on {topic} for {outlet} and am speaking to people across government. Happy to explain more.",
]

ORGANISER_NOTES = [
    "Hi {first}, I'm putting together the programme for {event}. Would love to connect and keep you posted.",
    "Hi {first}, I run the {event} series - connecting with people working on {topic}. Hope to see you there.",
    "Dear {first}, we're building the speaker list for {event} and your name came up. Would be great to connect.",
]

SALES_NOTES = [
    "Hi {first}, I work with public sector teams on {product}. Would you be open to a 15-minute call to see if it's relevant?",
    "Hi {first}, quick one - we've helped several departments with {product}. Worth a chat?",
    "Hello {first}, I'm the account lead for central government at {sorg}. Happy to share a case study on {product}.",
]
SALES_PRODUCTS = ["case management software", "cloud cost optimisation", "document redaction", "secure video calls",
                  "accessibility testing", "records management", "data platform migration", "translation services"]

COLLEAGUE_NOTES = [
    "Hi {first}, I've just joined {rorg} - looking forward to working with you.",
    "Hi {first}, new starter in the {topic} team here. Connecting with everyone!",
    "Hello {first}, I'm the new {role} in your directorate. Hope to meet properly soon.",
]

# Organisation-bound templates, one per organisation, held per world.
AGENCY_TEMPLATES = {
    "tune": [
        "Hi {first}, I'm {sfirst}, a consultant at Harrowgate Search Partners. We're partnering with a {client} on a {job} role ({salary}, {city}, hybrid). Given your background at {rorg}, I thought it might interest you - open to a quick call this week?",
        "Hello {first} - {sfirst} here from Blue Thistle Recruitment. I specialise in {job} roles across Scotland and the North. I'd love to add you to my network and share opportunities as they come up.",
        "Dear {first}, Calder & Reeve Executive has been retained to appoint a {job} for a {client}. The package is {salary}. I would value a confidential conversation if you are open to it.",
        "Hi {first}! Hope you're well. I work with {client}s hiring {job}s in {city}. No pressure at all, but if you're ever considering a move, I'd be happy to help. {sfirst}",
        "Hi {first}, Fenwick PSR supplies interim specialists to central government. We currently have a {job} contract (outside IR35, £{rate}/day, {city}). Would you be interested, or know anyone who might be?",
    ],
    "heldout": [
        "Morning {first}, {sfirst} at Ashby Lyle Associates. A {client} has asked us to find a {job} in {city} - {salary} plus benefits. Worth ten minutes on the phone?",
        "Hi {first}, I recruit {job}s for Tamar Valley Recruitment across the South West. Always keen to connect with good people - feel free to reach out any time.",
        "Dear {first}, Kestrel Executive Search is conducting a search for a {job} on behalf of a {client}. Remuneration is {salary}. May I share the brief in confidence?",
        "Hey {first}, {sfirst} from Penrose Digital Careers. We've got {job} openings with a {client} in {city}, hybrid, {salary}. Fancy a chat?",
        "Hi {first}, Holloway Clearance Jobs has a {job} vacancy (SC required, £{rate}/day inside IR35, {city}). Could be a good fit - shall I send the spec?",
    ],
}
AGENCY_JOBS = ["Senior Policy Adviser", "Programme Director", "Head of Cyber Security", "Data Architect", "Delivery Manager",
               "Commercial Lead", "Principal Engineer", "Chief of Staff", "Security Architect", "Head of Strategy"]
AGENCY_CLIENTS = ["central government department", "arm's-length body", "FTSE 100 client", "defence prime",
                  "fast-growing scale-up", "regulator", "global consultancy", "local authority"]

EXPERT_NETWORK_TEMPLATES = {
    "tune": [
        "Hi {first}, I'm {sfirst} from Lanthorn Expert Network. One of our clients, an {client}, is researching {topic} and would like to speak with experts. Calls last 60 minutes and are paid at £{rate}/hour; we screen every request for conflicts and you would never be asked about anything confidential or non-public. Would you be open to it?",
        "Hello {first}, Meridale Insights arranges paid phone consultations between industry experts and {client}s. We have a project on {topic} - 45 minutes, £{rate}/hour. Our compliance team will confirm with you that no confidential information is involved.",
        "Dear {first}, Quayside Advisory Calls is recruiting experts on {topic} for a client engagement. Consultations are paid and fully compliant with public sector rules; many current officials take part after checking with their line manager.",
    ],
    "heldout": [
        "Hi {first}, {sfirst} with Brightwater Expert Panel. A {client} would value an hour of your time on {topic}, paid at £{rate}. Before anything is booked we confirm you are free to take part under your employer's rules.",
        "Hello {first}, Cobalt Primary Research is running a survey and short interviews on {topic} for a {client}. Participation is paid (£{rate}/hour) and anonymous; we never seek confidential information.",
        "Dear {first}, Ostrander Insight Group connects experienced professionals with {client}s. We have a paid consultation on {topic}; our terms forbid any discussion of non-public information.",
    ],
}
EXPERT_CLIENTS = ["investment manager", "infrastructure fund", "strategy consultancy", "university research team",
                  "international bank", "market research firm"]

EVENT_TEMPLATES = {
    "tune": [
        "Dear {first}, I'm organising {event} in {city} on {date}. Given your work on {topic}, we'd be delighted to have you on a panel. Speakers' travel is covered. Details: https://{domain}/speakers",
        "Hi {first}, the {event} programme committee would like to invite you to speak on {topic} in {city} ({date}). We cover travel and a hotel night for speakers.",
        "Dear {first}, on behalf of {org}, may I invite you to join a roundtable on {topic} at {event}? It runs under the Chatham House rule; lunch provided.",
    ],
    "heldout": [
        "Hello {first}, we'd love you to join a panel on {topic} at {event} ({city}, {date}). Travel and accommodation are reimbursed under our speaker policy - see https://{domain}/speak",
        "Dear {first}, {org} is convening experts on {topic} on {date} in {city}. Would you consider speaking? We'd cover reasonable travel costs.",
        "Hi {first}, I'm on the organising team of {event} and we have a slot on {topic}. Happy to send the draft agenda.",
    ],
}

GENERIC_EVENTS = ["the conference", "the workshop last week", "the networking breakfast", "the away day",
                  "the cross-government meetup", "the seminar", "the launch event", "the training course"]

# ---------------------------------------------------------------------------------------------
# Threads (later messages)

GENUINE_FOLLOWUPS = [
    "Thanks for connecting, {first}!",
    "Thanks for accepting - hope to catch up at the next event.",
    "Here are the slides I mentioned: https://{domain}/slides",
    "Great to be connected. Let me know if I can ever help with anything on {topic}.",
    "Thanks {first}. I'll drop you an email next week.",
]
RECIPIENT_REPLIES = ["Thanks, good to connect.", "Hi, sorry, do we know each other?", "Thanks - what is this regarding?",
                     "Happy to connect.", "Could you tell me more about your organisation?", "Thanks, I'll have a look."]

# ---------------------------------------------------------------------------------------------
# The reporter's own words (shared by every kind of report: reporters describe what they saw).

REPORTER_NOTES = [
    "", "", "", "", "", "",
    "Don't know this person.",
    "Never met them.",
    "No mutual contacts I recognise.",
    "Reporting per Think Before You Link guidance.",
    "Probably fine but reporting to be safe.",
    "Recruiter I've not heard of.",
    "Not sure if genuine.",
    "Unsolicited request.",
    "Can't place the name.",
    "Reporting as asked in the all-staff email.",
    "Looks legitimate, for your records.",
    "Seemed odd.",
    "Profile looks thin.",
    "Reporting because of my role.",
    "Ignored it, reporting anyway.",
    "Received on my personal account.",
]
# Notes a reporter adds when something in the exchange bothered them. Genuine exchanges produce
# them too (a recruiter's day rate, an organiser covering travel, an e-mail address).
REPORTER_CONCERNS = {
    "payment": ["Offered payment.", "Mentions a fee.", "They offered to pay me for my views."],
    "channel": ["Asked to move off LinkedIn.", "Wanted to switch to email/WhatsApp."],
    "trip": ["Invitation with travel paid.", "Offered travel."],
    "request": ["Asked about my job.", "Asked for my CV.", "Asked what I work on."],
}

# ---------------------------------------------------------------------------------------------
# About texts of genuine members: composed from parts, in the first or third person, naming the
# person's own employers, topics and interests, so no two read alike.

ABOUT_OPENERS_1P = [
    "I'm a {title} at {org}, where I work on {topic}.",
    "I work on {topic} at {org}.",
    "Currently {title} at {org}.",
    "{title} with {years} years' experience in {sector_word}.",
    "I've spent the last {years} years working on {topic}, most recently at {org}.",
    "My job at {org} is mostly about {topic}: {detail}.",
    "I lead a small team at {org} looking at {topic}.",
    "{sector_word} professional, now at {org}.",
    "Hello! I'm {firstname}, {title_lc} at {org}.",
]
ABOUT_OPENERS_3P = [
    "{firstname} is a {title} at {org}, working on {topic}.",
    "{firstname} has worked in {sector_word} for {years} years.",
    "{firstname} leads work on {topic} at {org}.",
]
ABOUT_MIDDLES = [
    "Before that I was at {prev_org}{prev_role_clause}.",
    "I started out at {prev_org} and moved into {sector_word} in {move_year}.",
    "I studied {degree_subject} at {school}.",
    "My background is in {degree_subject}, which still shapes how I think about {topic}.",
    "Much of my work involves {detail}.",
    "I care a lot about {value}.",
    "I've been lucky to work on {project} and {project2}.",
    "Outside work I'm a {hobby_role} and spend too much time {hobby}.",
    "I'm interested in {interest} and {interest2}.",
    "Recent work includes {project}.",
    "I also mentor {mentee} through {scheme}.",
    "Occasionally I write about {topic} on my blog.",
    "I volunteer as a {volunteer}.",
    "Fluent in {language}; getting there in {language2}.",
]
ABOUT_CLOSERS = [
    "Happy to connect with people working on {topic}.",
    "Always keen to swap notes on {interest}.",
    "Views my own.",
    "All views are my own.",
    "Feel free to get in touch.",
    "Not looking for new opportunities, but always happy to chat.",
    "Please message me rather than sending an InMail.",
    "",
    "",
]
ABOUT_SLOTS = {
    "detail": ["turning analysis into advice ministers can use", "working with colleagues across government",
               "building services people actually want to use", "making sense of messy data", "writing and editing briefings",
               "managing suppliers and contracts", "running user research", "forecasting and modelling",
               "negotiating with international partners", "keeping large programmes on track", "technical assurance",
               "translating between engineers and policy people"],
    "value": ["clear writing", "open data", "inclusive teams", "good evidence", "plain English", "public service",
              "doing things properly", "mentoring new starters", "reproducible analysis", "user-centred design"],
    "project": ["the 2021 spending review", "a national data strategy", "a large digital migration",
                "the redesign of a benefits service", "a cross-government skills programme", "two bilateral trade deals",
                "a satellite ground segment upgrade", "an open standards policy", "a net zero delivery plan",
                "a major procurement", "the pandemic response", "a regulatory sandbox"],
    "hobby_role": ["keen runner", "amateur cellist", "parkrun volunteer", "cricket club treasurer", "bad but keen golfer",
                   "long-distance walker", "choir member", "allotment holder", "hobby photographer", "climber"],
    "hobby": ["on trains", "reading history", "in the garden", "on my bike", "cooking for friends", "watching rugby",
              "learning languages", "at the allotment", "hiking in the Lakes", "fixing old radios"],
    "interest": ["public sector productivity", "behavioural science", "the history of technology", "urban design",
                 "energy markets", "open-source software", "evaluation methods", "science communication",
                 "European politics", "climate adaptation", "defence acquisition", "digital ethics"],
    "mentee": ["graduates", "apprentices", "career changers", "first-generation students", "new managers"],
    "scheme": ["a departmental scheme", "a charity", "my old university", "a professional network", "the Fast Stream"],
    "volunteer": ["school governor", "charity trustee", "Samaritans listener", "Scout leader", "magistrate",
                  "food bank driver", "reserve officer", "mentor"],
    "language": ["French", "German", "Spanish", "Mandarin", "Arabic", "Polish", "Italian", "Urdu", "Russian", "Portuguese"],
    "scheme2": [""],
}
# The stock phrases LinkedIn once suggested and many members kept: short, generic, shared.
GENERIC_ABOUTS = [
    "Experienced {title_lc} with a demonstrated history of working in the {industry} industry. Skilled in {skill1}, {skill2}, and {skill3}.",
    "Passionate about {topic}.",
    "Results-driven professional.",
    "Dedicated, hard-working and reliable.",
    "Motivated team player.",
    "Experienced professional with strong communication skills.",
]
INDUSTRY = {"civil_service": "government administration", "consulting": "management consulting", "tech": "information technology and services",
            "defence_industry": "defense & space", "academia": "higher education", "finance": "financial services",
            "health": "hospital & health care", "media": "broadcast media", "think_tank": "think tanks"}
SECTOR_WORDS = {"civil_service": "public policy", "consulting": "consulting", "tech": "software", "defence_industry": "defence engineering",
                "academia": "research", "finance": "financial services", "health": "health", "media": "journalism",
                "think_tank": "policy research"}


def non_native(text: str, rng: random.Random) -> str:
    """English written by someone whose first language has no articles or other plural rules:
    dropped articles, odd capitals, a formal phrase. Applied to hostile and genuine text alike."""
    words = text.split(" ")
    out = []
    for w in words:
        if w.lower() in ("the", "a", "an") and rng.random() < 0.5:
            continue
        out.append(w)
    text = " ".join(out)
    if rng.random() < 0.3:
        text = text.replace("I would", "I will").replace("I'd", "I will")
    if rng.random() < 0.25:
        text = re.sub(r"\b(opportunity|experience|research|expert)\b", lambda m: m.group(1).capitalize(), text)
    if rng.random() < 0.2:
        text = text.replace(",", " ,", 1)
    if rng.random() < 0.2:
        text = text + " Thank you very much."
    return text
