"""Names, organisations, places and other vocabulary for the evaluation corpus.

Two kinds of pool:

* commonplace, shared by both worlds: large employers, universities, government departments,
  cities, webmail providers, LinkedIn's own invitation text;
* world-specific: person names (every list is split in two by `world_of`),
  front companies, recruitment agencies, expert networks, event organisers, domains. `split()`
  makes the halves; `generate.py` asserts that no world-specific value occurs in both worlds.
"""

from __future__ import annotations

import hashlib

WORLDS = ("tune", "heldout")


def world_of(value: str) -> str:
    """The one world a pooled value belongs to, decided by its own text, so a name that occurs in
    two lists (Thomas, a first name and a surname) still lands in one world only."""
    return WORLDS[hashlib.sha256(value.encode("utf-8")).digest()[0] % 2]


def split(items: list, world: str) -> list:
    """The entries of a pool that belong to `world`: about half, never shared with the other."""
    return [x for x in items if world_of(x) == world]


# ---------------------------------------------------------------------------------------------
# Person names in Latin script, by origin. (first names female, first names male, surnames)

LATIN_NAMES = {
    "british": (
        ["Emma", "Olivia", "Sophie", "Charlotte", "Hannah", "Lucy", "Amelia", "Grace", "Ellie", "Chloe",
         "Jessica", "Rebecca", "Laura", "Rachel", "Katie", "Sarah", "Helen", "Claire", "Joanna", "Alice",
         "Harriet", "Imogen", "Fiona", "Catherine", "Victoria", "Eleanor", "Natalie", "Megan", "Abigail",
         "Beth", "Louise", "Gemma", "Holly", "Anna", "Jennifer", "Nicola", "Kirsty", "Zoë", "Niamh", "Siobhan",
         "Freya", "Isla", "Philippa", "Rosie", "Caroline", "Amy", "Lydia", "Frances"],
        ["James", "Oliver", "Thomas", "William", "Harry", "George", "Jack", "Daniel", "Matthew", "Samuel",
         "Benjamin", "Alexander", "Joseph", "Edward", "Henry", "Christopher", "Andrew", "David", "Michael",
         "Richard", "Robert", "Peter", "Paul", "Mark", "Simon", "Stephen", "Jonathan", "Nicholas", "Adam",
         "Luke", "Ryan", "Callum", "Liam", "Connor", "Rhys", "Owen", "Gareth", "Iain", "Euan", "Hamish",
         "Rory", "Tom", "Ben", "Sam", "Alistair", "Duncan", "Graham", "Neil"],
        ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
         "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
         "Patel", "Khan", "Lewis", "James", "Phillips", "Mason", "Mitchell", "Rose", "Davis", "Rodriguez",
         "Cox", "Alexander", "Morgan", "Moore", "Martin", "Price", "Hughes", "Edwards", "Turner", "Parker",
         "Collins", "Harris", "Baker", "Cooper", "Ward", "Morris", "King", "Watson", "Harrison", "Gray",
         "Bennett", "Fletcher", "Chapman", "Lawson", "Fraser", "Campbell", "Stewart", "Murray", "Reid",
         "McDonald", "O'Brien", "O'Connor", "Byrne", "Doyle", "Kelly", "Gallagher", "Quinn", "Ferguson",
         "Hamilton", "Graham", "Pearson", "Holmes", "Barker", "Spencer", "Hunter", "Palmer", "Lloyd",
         "Marshall", "Ellis", "Russell"],
    ),
    "american": (
        ["Ashley", "Brittany", "Madison", "Kayla", "Lauren", "Megan", "Morgan", "Taylor", "Kelsey", "Courtney",
         "Jordan", "Alexis", "Danielle", "Brooke", "Kimberly", "Stephanie", "Amanda", "Heather", "Tiffany",
         "Shannon", "Erin", "Lindsay", "Caitlin", "Mackenzie"],
        ["Tyler", "Brandon", "Justin", "Kyle", "Austin", "Cody", "Dylan", "Zachary", "Trevor", "Chase",
         "Hunter", "Logan", "Mason", "Garrett", "Derek", "Travis", "Brett", "Scott", "Kevin", "Jason",
         "Jeffrey", "Eric", "Greg", "Bryan"],
        ["Miller", "Anderson", "Thomas", "Jackson", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Young",
         "Allen", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Adams", "Nelson", "Carter", "Ramirez",
         "Campbell", "Peterson", "Reed", "Sullivan", "Brooks", "Sanders", "Myers", "Long", "Foster",
         "Bryant", "Henderson"],
    ),
    "chinese": (
        ["Li", "Na", "Jing", "Min", "Yan", "Hui", "Xin", "Ying", "Lan", "Fang", "Mei", "Xiaoling", "Yue",
         "Wen", "Qian", "Jiayi", "Yuxin", "Shuang", "Ting", "Rui", "Xiaomei", "Lili", "Yiran", "Siyu"],
        ["Wei", "Jun", "Hao", "Lei", "Yang", "Tao", "Ming", "Bo", "Jian", "Qiang", "Peng", "Bin", "Feng",
         "Hua", "Chao", "Zhiwei", "Jiahao", "Haoran", "Yifan", "Zihan", "Kai", "Long", "Xiang", "Dong"],
        ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma",
         "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han",
         "Feng", "Deng", "Cao", "Peng"],
    ),
    "south_asian": (
        ["Priya", "Ananya", "Divya", "Kavya", "Neha", "Pooja", "Shreya", "Aisha", "Sana", "Fatima",
         "Meera", "Lakshmi", "Deepa", "Anjali", "Riya", "Nisha", "Sunita", "Harpreet", "Simran", "Zara"],
        ["Rahul", "Arjun", "Vikram", "Amit", "Rohan", "Sanjay", "Ravi", "Karan", "Aditya", "Imran",
         "Faisal", "Hassan", "Suresh", "Anil", "Manish", "Gurpreet", "Harjit", "Nikhil", "Varun", "Zain"],
        ["Sharma", "Patel", "Singh", "Kumar", "Gupta", "Shah", "Mehta", "Iyer", "Reddy", "Nair", "Rao",
         "Desai", "Joshi", "Chopra", "Malhotra", "Kapoor", "Hussain", "Ahmed", "Chaudhry", "Bhatt",
         "Ghosh", "Banerjee", "Mukherjee", "Sandhu", "Gill", "Dhillon", "Qureshi", "Siddiqui"],
    ),
    "arabic": (
        ["Layla", "Noor", "Mariam", "Yasmin", "Huda", "Salma", "Rania", "Dina", "Amira", "Leila", "Hana",
         "Reem"],
        ["Omar", "Ahmed", "Khalid", "Yousef", "Tariq", "Karim", "Samir", "Nabil", "Walid", "Bilal", "Hamza",
         "Rami"],
        ["Haddad", "Khoury", "Nasser", "Saleh", "Mansour", "Aziz", "Hamdan", "Farouk", "Rahman", "Abbas",
         "Darwish", "Said", "Qasim", "Jaber"],
    ),
    "european": (
        ["Sofia", "Lucia", "Martina", "Giulia", "Chiara", "Elena", "Camille", "Léa", "Manon", "Inès", "Marie",
         "Anja", "Katrin", "Lena", "Johanna", "Sanne", "Femke", "Ingrid", "Astrid", "Maja", "Agnieszka",
         "Katarzyna", "Magdalena", "Zuzana", "Petra", "Ana", "Inês", "Beatriz", "Eleni", "Ioana"],
        ["Luca", "Marco", "Matteo", "Alessandro", "Pablo", "Javier", "Carlos", "Miguel", "Pierre", "Louis",
         "Hugo", "Julien", "Lukas", "Jonas", "Felix", "Maximilian", "Jan", "Pieter", "Lars", "Erik",
         "Mikkel", "Piotr", "Łukasz", "Tomasz", "Jakub", "Ondřej", "João", "Tiago", "Nikos", "Andrei"],
        ["Rossi", "Russo", "Bianchi", "Romano", "García", "Fernández", "López", "Martínez", "Dubois",
         "Moreau", "Laurent", "Lefèvre", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker",
         "de Vries", "Jansen", "van Dijk", "Bakker", "Nielsen", "Hansen", "Andersson", "Johansson",
         "Kowalski", "Nowak", "Wiśniewski", "Novák", "Dvořák", "Silva", "Santos", "Ferreira",
         "Papadopoulos", "Popescu", "Horváth", "Ødegaard", "Virtanen", "Korhonen"],
    ),
    "african": (
        ["Amara", "Chiamaka", "Ngozi", "Adaeze", "Folake", "Abena", "Akosua", "Wanjiru", "Thandiwe", "Zanele",
         "Nia", "Imani"],
        ["Chinedu", "Emeka", "Oluwaseun", "Tunde", "Kwame", "Kofi", "Yaw", "Kamau", "Otieno", "Sipho",
         "Thabo", "Babajide"],
        ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Mensah", "Owusu", "Asante", "Boateng", "Mwangi",
         "Otieno", "Ndlovu", "Dlamini", "Nkosi", "Eze", "Oyelaran", "Acheampong"],
    ),
    "east_asian_other": (
        ["Ji-woo", "Seo-yeon", "Min-ji", "Yuna", "Haruka", "Yui", "Aiko", "Sakura", "Linh", "Thao", "Mai",
         "Hoa"],
        ["Min-jun", "Seo-jun", "Ji-hoon", "Hiroshi", "Takeshi", "Kenji", "Daiki", "Minh", "Duc", "Huy",
         "Quang", "Tuan"],
        ["Kim", "Lee", "Park", "Choi", "Jung", "Tanaka", "Suzuki", "Sato", "Watanabe", "Yamamoto",
         "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"],
    ),
    "turkish_iranian": (
        ["Elif", "Zeynep", "Ayşe", "Ece", "Shirin", "Parisa", "Nazanin", "Maryam"],
        ["Emre", "Mehmet", "Can", "Burak", "Reza", "Arash", "Dariush", "Kian"],
        ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Hosseini", "Karimi", "Mohammadi",
         "Rezaei", "Tehrani", "Ahmadi"],
    ),
}

# Share of each origin among senders and officials (a UK-based population with global contacts).
LATIN_ORIGIN_WEIGHTS = {
    "british": 46, "american": 9, "chinese": 8, "south_asian": 11, "arabic": 4, "european": 12,
    "african": 4, "east_asian_other": 3, "turkish_iranian": 3,
}

# Names written wholly in one non-Latin script, as LinkedIn shows a member who types their name
# in their own script. (full names; the script's usual order and spacing)
NATIVE_SCRIPT_NAMES = {
    "Han": ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "黄丽", "赵军", "吴芳", "周杰", "徐明", "孙悦",
            "马超", "朱琳", "胡斌", "郭强", "何平", "林慧", "高翔", "罗欣", "郑浩", "梁婷", "谢勇", "宋佳",
            "唐颖", "韩雪", "冯涛", "邓鹏", "曹阳", "彭丽"],
    "Cyrillic": ["Иван Петров", "Анна Смирнова", "Дмитрий Иванов", "Елена Кузнецова", "Сергей Попов",
                 "Ольга Соколова", "Алексей Лебедев", "Мария Козлова", "Николай Новиков", "Татьяна Морозова",
                 "Олена Шевченко", "Андрій Коваленко", "Юлія Бондаренко", "Павло Ткаченко", "Наталья Волкова",
                 "Михаил Федоров", "Ирина Павлова", "Владимир Семенов", "Светлана Егорова", "Артём Орлов"],
    "Greek": ["Γιώργος Παπαδόπουλος", "Μαρία Γεωργίου", "Νίκος Δημητρίου", "Ελένη Κωνσταντίνου",
              "Κώστας Νικολάου", "Σοφία Ιωάννου", "Δημήτρης Αλεξίου", "Κατερίνα Βασιλείου",
              "Γιάννης Οικονόμου", "Αναστασία Μακρή", "Παναγιώτης Σπύρου", "Χριστίνα Λαμπράκη"],
    "Devanagari": ["राहुल शर्मा", "प्रिया गुप्ता", "अमित कुमार", "अनीता सिंह", "विकास वर्मा", "सुनीता यादव",
                   "संजय मिश्रा", "पूजा जोशी", "रवि तिवारी", "नेहा पांडे", "अजय चौहान", "दीपिका अग्रवाल"],
    "Arabic": ["محمد العلي", "فاطمة الزهراء", "أحمد حسن", "مريم خالد", "عمر السيد", "نور الهدى", "يوسف إبراهيم",
               "سارة عبدالله", "خالد منصور", "ليلى حداد", "طارق نصر", "هدى سالم"],
    "Hangul": ["김민준", "이서연", "박지훈", "최수아", "정우진", "강하은", "조현우", "윤지민", "장서준", "임예린"],
    "Japanese": ["佐藤 健", "鈴木 花子", "高橋 誠", "田中 美咲", "渡辺 翔", "伊藤 由美", "山本 大輔", "中村 さくら",
                 "小林 拓也", "加藤 愛"],
    "Hebrew": ["דוד כהן", "שרה לוי", "יוסף מזרחי", "רחל פרץ", "משה ביטון", "מיכל אברהם", "אבי פרידמן", "נועה שפירא"],
    "Thai": ["สมชาย ใจดี", "สุดา แก้วมณี", "ประเสริฐ ศรีสุข", "วนิดา บุญมา", "ธนากร วงศ์ไทย", "กมลชนก สายทอง"],
}
NATIVE_SCRIPT_WEIGHTS = {"Han": 30, "Cyrillic": 20, "Arabic": 12, "Devanagari": 10, "Greek": 8, "Hangul": 6,
                         "Japanese": 6, "Hebrew": 4, "Thai": 4}

# Confusable letters an impostor swaps into a Latin name (UTS #39 confusables: Cyrillic and Greek).
HOMOGLYPHS = {
    "a": ["а"], "e": ["е"], "o": ["о", "ο"], "p": ["р"], "c": ["с"], "x": ["х"], "y": ["у"], "i": ["і"],
    "j": ["ј"], "s": ["ѕ"], "h": ["һ"], "A": ["А", "Α"], "B": ["В", "Β"], "C": ["С"], "E": ["Е", "Ε"],
    "H": ["Н", "Η"], "K": ["К", "Κ"], "M": ["М", "Μ"], "O": ["О", "Ο"], "P": ["Р", "Ρ"], "T": ["Т", "Τ"],
    "X": ["Х", "Χ"], "Y": ["Υ"], "I": ["І", "Ι"], "J": ["Ј"], "S": ["Ѕ"], "N": ["Ν"], "Z": ["Ζ"],
}
# Characters that show nothing (or reorder text) slipped into a display name.
HIDDEN_CHARS = ["\u200b", "\u200c", "\u200d", "\u2060", "\u3164", "\u00ad", "\ufeff", "\u202e", "\u2066"]

# What genuine members add to a display name (credentials, pronouns, an emoji): visible, ordinary.
NAME_DECORATIONS = [", PhD", " PhD", ", MBA", " MBA", " (he/him)", " (she/her)", " (they/them)", ", CISSP",
                    " FCA", " 🌍", " 🇺🇦", " 🏳️‍🌈", " ✈️", ", MSc", " CEng", " OBE", " 🎓"]
NAME_PREFIXES = ["Dr ", "Dr. ", "Prof. ", "Cllr "]

# ---------------------------------------------------------------------------------------------
# Shared commonplace

# LinkedIn's pre-filled invitation text in the member's interface language.
DEFAULT_INVITATIONS = [
    ("en", "I'd like to add you to my professional network on LinkedIn."),
    ("en", "I'd like to join your LinkedIn network."),
    ("fr", "Je souhaiterais vous ajouter à mon réseau professionnel sur LinkedIn."),
    ("de", "Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen."),
    ("es", "Me gustaría añadirte a mi red profesional en LinkedIn."),
    ("it", "Vorrei aggiungerti alla mia rete professionale su LinkedIn."),
    ("pt", "Gostaria de adicioná-lo à minha rede profissional no LinkedIn."),
    ("nl", "Ik wil je graag toevoegen aan mijn professionele netwerk op LinkedIn."),
    ("pl", "Chciałbym dodać Cię do mojej sieci zawodowej na LinkedIn."),
    ("sv", "Jag vill gärna lägga till dig i mitt professionella nätverk på LinkedIn."),
    ("tr", "Sizi LinkedIn'deki profesyonel ağıma eklemek istiyorum."),
    ("ru", "Я хотел бы добавить вас в свою профессиональную сеть в LinkedIn."),
    ("zh", "我想邀请您加入我在领英上的职业人脉。"),
    ("ja", "LinkedInのネットワークに招待します。"),
    ("ar", "أود إضافتك إلى شبكتي المهنية على LinkedIn."),
]
DEFAULT_LANGUAGE_WEIGHTS = {"en": 80, "fr": 3, "de": 3, "es": 2, "it": 1.5, "pt": 1, "nl": 1.5, "pl": 1,
                            "sv": 1, "tr": 0.7, "ru": 0.8, "zh": 1.5, "ja": 0.6, "ar": 0.6}

GOV_ORGS = [
    "HM Treasury", "Home Office", "Ministry of Defence", "Foreign, Commonwealth & Development Office",
    "Cabinet Office", "Department for Science, Innovation and Technology", "Department for Energy Security and Net Zero",
    "Department for Transport", "Department for Business and Trade", "Department of Health and Social Care",
    "HM Revenue & Customs", "Office for National Statistics", "Ministry of Justice", "Department for Education",
    "Defence Science and Technology Laboratory", "National Cyber Security Centre", "UK Space Agency",
    "Office for Nuclear Regulation", "Government Digital Service", "Crown Prosecution Service",
]
# The officials' own organisations and the roles that get approached.
OFFICIAL_ROLES = [
    "Policy Adviser", "Senior Policy Adviser", "Head of Policy", "Deputy Director", "Director", "Private Secretary",
    "Analyst", "Senior Analyst", "Economist", "Statistician", "Project Manager", "Programme Director",
    "Engineer", "Principal Engineer", "Scientist", "Senior Scientist", "Legal Adviser", "Diplomat",
    "Desk Officer", "Head of Security", "Procurement Lead", "Digital Lead", "Press Officer", "Researcher",
]
SENSITIVE_TOPICS = [
    "Nuclear", "Defence Procurement", "Cyber Security", "Semiconductors", "Quantum", "AI Safety", "Space",
    "Export Controls", "Critical Minerals", "China", "Russia", "Indo-Pacific", "Telecoms", "Energy Security",
    "Trade Negotiations", "Counter-Terrorism", "Sanctions", "Aerospace", "Biosecurity", "Maritime",
]
ORDINARY_TOPICS = [
    "Housing", "Transport", "Skills", "Public Health", "Tax", "Statistics", "Digital Services", "Local Growth",
    "Education", "Justice", "Procurement", "Workforce", "Finance", "Communications", "Data", "Net Zero",
]

BIG_EMPLOYERS = [
    ("Deloitte", "deloitte.com"), ("PwC", "pwc.com"), ("KPMG", "kpmg.com"), ("EY", "ey.com"),
    ("Accenture", "accenture.com"), ("BAE Systems", "baesystems.com"), ("Rolls-Royce", "rolls-royce.com"),
    ("BT Group", "bt.com"), ("HSBC", "hsbc.com"), ("Barclays", "barclays.com"), ("Vodafone", "vodafone.com"),
    ("NHS England", "england.nhs.uk"), ("BBC", "bbc.co.uk"), ("Capgemini", "capgemini.com"),
    ("IBM", "ibm.com"), ("Microsoft", "microsoft.com"), ("Google", "google.com"), ("Amazon", "amazon.com"),
    ("Thales", "thalesgroup.com"), ("Leonardo", "leonardo.com"), ("QinetiQ", "qinetiq.com"),
    ("Arup", "arup.com"), ("AstraZeneca", "astrazeneca.com"), ("GSK", "gsk.com"), ("Unilever", "unilever.com"),
    ("Tesco", "tesco.com"), ("Lloyds Banking Group", "lloydsbankinggroup.com"), ("Ofcom", "ofcom.org.uk"),
    ("Arm", "arm.com"), ("McKinsey & Company", "mckinsey.com"), ("Boston Consulting Group", "bcg.com"),
    ("Babcock International", "babcockinternational.com"), ("Airbus", "airbus.com"), ("Siemens", "siemens.com"),
    ("Jacobs", "jacobs.com"), ("Atkins", "atkinsrealis.com"), ("Mott MacDonald", "mottmac.com"),
]
UNIVERSITIES = [
    "University of Oxford", "University of Cambridge", "University College London", "King's College London",
    "London School of Economics", "Imperial College London", "University of Manchester", "University of Edinburgh",
    "University of Bristol", "University of Warwick", "Durham University", "University of Glasgow",
    "University of Leeds", "University of Birmingham", "University of Nottingham", "University of Exeter",
    "Cardiff University", "Queen's University Belfast", "University of St Andrews", "University of Sheffield",
    "SOAS University of London", "University of York", "Lancaster University", "Newcastle University",
    "Trinity College Dublin", "Peking University", "Tsinghua University", "National University of Singapore",
    "University of Toronto", "Harvard University", "Georgetown University", "Sciences Po", "LMU Munich",
    "University of Delhi", "American University of Beirut", "University of Lagos", "Seoul National University",
]
DEGREES = {
    "ba": ["BA History", "BA Politics", "BA Economics", "BA PPE", "BA Geography", "BA English", "BA Modern Languages",
           "BA International Relations", "BA Law", "BSc Mathematics", "BSc Physics", "BSc Computer Science",
           "BSc Economics", "BEng Mechanical Engineering", "BEng Electrical Engineering", "BSc Chemistry",
           "BSc Psychology", "LLB Law", "BA Chinese Studies", "BA War Studies"],
    "ma": ["MA International Relations", "MSc Public Policy", "MPhil Economics", "MSc Security Studies",
           "MA Intelligence and International Security", "MSc Data Science", "MBA", "LLM International Law",
           "MSc Nuclear Engineering", "MA Russian and East European Studies", "MSc Cyber Security",
           "MPA", "MSc Development Studies", "MA Journalism"],
    "phd": ["PhD Physics", "PhD Political Science", "PhD Economics", "PhD Computer Science", "PhD Chemistry",
            "DPhil International Relations", "PhD History", "PhD Materials Science"],
}

CITIES_UK = ["London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Edinburgh", "Bristol", "Cardiff",
             "Belfast", "Cambridge", "Oxford", "Reading", "Sheffield", "Newcastle upon Tyne", "Nottingham",
             "Cheltenham", "Farnborough", "Milton Keynes", "York", "Brighton"]
CITIES_ABROAD = ["Brussels, Belgium", "Paris, France", "Berlin, Germany", "Washington, DC, United States",
                 "New York, United States", "Singapore", "Hong Kong", "Dubai, United Arab Emirates",
                 "Geneva, Switzerland", "The Hague, Netherlands", "Dublin, Ireland", "Toronto, Canada",
                 "Sydney, Australia", "Shanghai, China", "Beijing, China", "Tokyo, Japan", "Vienna, Austria",
                 "Warsaw, Poland", "Stockholm, Sweden", "Tallinn, Estonia", "Bengaluru, India", "Lagos, Nigeria",
                 "Istanbul, Türkiye", "Moscow, Russia", "Seoul, South Korea", "Kuala Lumpur, Malaysia"]
REGION = {"London": "London, England, United Kingdom", "Edinburgh": "Edinburgh, Scotland, United Kingdom",
          "Glasgow": "Glasgow, Scotland, United Kingdom", "Cardiff": "Cardiff, Wales, United Kingdom",
          "Belfast": "Belfast, Northern Ireland, United Kingdom"}


def uk_location(city: str) -> str:
    return REGION.get(city, f"{city}, England, United Kingdom")


WEBMAIL = ["gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.com", "icloud.com", "proton.me", "gmx.de",
           "163.com", "qq.com", "mail.ru", "yandex.ru", "hotmail.com"]
WEBMAIL_WEIGHTS = [40, 16, 8, 6, 6, 5, 3, 3, 3, 2, 2, 6]

# Telephone numbers come only from ranges reserved for drama and documentation (Ofcom's UK
# ranges; +1 555-01xx in North America), so no real subscriber appears in the corpus. Each world
# gets its own half of every range.
PHONE_RANGES = [
    ("+44 7700 900", "{:03d}", 1000),   # mobile
    ("+44 20 7946 0", "{:03d}", 1000),  # London
    ("+44 161 496 0", "{:03d}", 1000),  # Manchester
    ("+44 113 496 0", "{:03d}", 1000),  # Leeds
    ("+44 131 496 0", "{:03d}", 1000),  # Edinburgh
    ("+1 202 555 01", "{:02d}", 100),   # Washington, DC
    ("+1 212 555 01", "{:02d}", 100),   # New York
]

# ---------------------------------------------------------------------------------------------
# Sector vocabulary for genuine careers

SECTORS = {
    "civil_service": {
        "orgs": GOV_ORGS,
        "ladder": ["Policy Officer", "Policy Adviser", "Senior Policy Adviser", "Team Leader", "Head of {topic}",
                   "Deputy Director, {topic}"],
        "skills": ["Policy Analysis", "Stakeholder Management", "Briefing", "Public Policy", "Legislation",
                   "Negotiation", "Project Management", "Economic Analysis", "Government"],
    },
    "consulting": {
        "orgs": ["Deloitte", "PwC", "KPMG", "EY", "Accenture", "Capgemini", "McKinsey & Company",
                 "Boston Consulting Group", "Mott MacDonald", "Arup"],
        "ladder": ["Analyst", "Consultant", "Senior Consultant", "Manager", "Senior Manager", "Director", "Partner"],
        "skills": ["Management Consulting", "Strategy", "Business Transformation", "Change Management",
                   "Public Sector", "Financial Modelling", "Programme Management"],
    },
    "tech": {
        "orgs": ["Microsoft", "Google", "Amazon", "IBM", "Arm", "BT Group", "Vodafone", "Capgemini"],
        "ladder": ["Graduate Engineer", "Software Engineer", "Senior Software Engineer", "Staff Engineer",
                   "Engineering Manager", "Principal Engineer"],
        "skills": ["Python", "Cloud Computing", "Kubernetes", "Distributed Systems", "Machine Learning", "Security",
                   "Go", "Rust", "Data Engineering", "DevOps"],
    },
    "defence_industry": {
        "orgs": ["BAE Systems", "QinetiQ", "Thales", "Leonardo", "Rolls-Royce", "Babcock International", "Airbus"],
        "ladder": ["Graduate Engineer", "Systems Engineer", "Senior Systems Engineer", "Principal Engineer",
                   "Engineering Manager", "Chief Engineer"],
        "skills": ["Systems Engineering", "Requirements Management", "Aerospace", "Defence", "MBSE",
                   "Safety Engineering", "Project Engineering"],
    },
    "academia": {
        "orgs": UNIVERSITIES[:26],
        "ladder": ["Research Assistant", "Postdoctoral Researcher", "Research Fellow", "Lecturer",
                   "Senior Lecturer", "Associate Professor", "Professor"],
        "skills": ["Research", "Teaching", "Academic Writing", "Grant Writing", "Statistics",
                   "Qualitative Research", "Peer Review"],
    },
    "finance": {
        "orgs": ["HSBC", "Barclays", "Lloyds Banking Group", "HM Treasury", "KPMG"],
        "ladder": ["Analyst", "Associate", "Vice President", "Director", "Managing Director"],
        "skills": ["Financial Analysis", "Risk Management", "Regulation", "Banking", "Compliance"],
    },
    "health": {
        "orgs": ["NHS England", "AstraZeneca", "GSK", "Department of Health and Social Care"],
        "ladder": ["Analyst", "Project Officer", "Programme Manager", "Senior Programme Manager", "Head of Programme"],
        "skills": ["Healthcare", "Public Health", "Clinical Research", "Health Policy", "Data Analysis"],
    },
    "media": {
        "orgs": ["BBC", "Reuters", "Financial Times", "The Guardian", "The Economist", "Sky News", "Politico Europe"],
        "ladder": ["Trainee Reporter", "Reporter", "Correspondent", "Senior Correspondent", "Editor"],
        "skills": ["Journalism", "Writing", "Investigations", "Broadcasting", "Editing", "Interviewing"],
    },
    "think_tank": {
        "orgs": ["Chatham House", "RUSI", "IISS", "Institute for Fiscal Studies", "Institute for Government",
                 "Resolution Foundation", "Centre for European Reform"],
        "ladder": ["Research Assistant", "Research Analyst", "Research Fellow", "Senior Research Fellow",
                   "Director of Studies"],
        "skills": ["Research", "Policy Analysis", "Foreign Policy", "Security", "Writing", "Public Speaking"],
    },
}
SECTOR_WEIGHTS = {"civil_service": 30, "consulting": 12, "tech": 14, "defence_industry": 9, "academia": 11,
                  "finance": 7, "health": 6, "media": 4, "think_tank": 7}

GENERIC_SKILLS = ["Leadership", "Communication", "Microsoft Excel", "Public Speaking", "Teamwork", "Research",
                  "Strategic Planning", "Data Analysis", "Writing", "Negotiation"]

# ---------------------------------------------------------------------------------------------
# World-specific organisations. Every entry: (name, domain). Domains of invented organisations
# end in .example (RFC 2606) so no real business is ever named as a front.

RECRUITMENT_AGENCIES = {
    "tune": [
        ("Harrowgate Search Partners", "harrowgate-search.example"),
        ("Blue Thistle Recruitment", "bluethistle-recruitment.example"),
        ("Calder & Reeve Executive", "calderreeve.example"),
        ("Northgate Talent", "northgate-talent.example"),
        ("Fenwick Public Sector Resourcing", "fenwick-psr.example"),
    ],
    "heldout": [
        ("Ashby Lyle Associates", "ashbylyle.example"),
        ("Tamar Valley Recruitment", "tamarvalley-rec.example"),
        ("Kestrel Executive Search", "kestrel-exec.example"),
        ("Penrose Digital Careers", "penrose-careers.example"),
        ("Holloway Clearance Jobs", "holloway-cj.example"),
    ],
}
EXPERT_NETWORKS = {
    "tune": [("Lanthorn Expert Network", "lanthorn-experts.example"), ("Meridale Insights", "meridale.example"),
             ("Quayside Advisory Calls", "quayside-calls.example")],
    "heldout": [("Brightwater Expert Panel", "brightwater-panel.example"),
                ("Cobalt Primary Research", "cobalt-primary.example"),
                ("Ostrander Insight Group", "ostrander-ig.example")],
}
EVENT_ORGANISERS = {
    "tune": [("Westminster Policy Forum Series", "wpf-series.example", "Policy Futures Summit"),
             ("Northern Security Dialogue", "nsd-dialogue.example", "Northern Security Dialogue 2026"),
             ("EuroDefence Expo", "eurodefence-expo.example", "EuroDefence Expo")],
    "heldout": [("Atlantic Resilience Conference", "atlantic-resilience.example", "Atlantic Resilience Conference"),
                ("Cyber Futures Week", "cyberfutures-week.example", "Cyber Futures Week"),
                ("Public Sector Data Forum", "psdataforum.example", "Public Sector Data Forum")],
}
SMALL_FIRMS = {
    "tune": [("Greyfriars Analytics", "greyfriars-analytics.example"), ("Oakmere Digital", "oakmere.example"),
             ("Larkspur Engineering", "larkspur-eng.example"), ("Haldane Policy Lab", "haldanelab.example"),
             ("Coppergate Software", "coppergate.example"), ("Riverside Data Co", "riversidedata.example"),
             ("Saltire Energy Systems", "saltire-energy.example"), ("Pennine Robotics", "pennine-robotics.example"),
             ("Ivel Consulting", "ivel-consulting.example"), ("Wrenfield Studios", "wrenfield.example")],
    "heldout": [("Marlowe Data Works", "marlowe-data.example"), ("Tidewell Systems", "tidewell.example"),
                ("Brockley Research", "brockley-research.example"), ("Elmstead Advisory", "elmstead.example"),
                ("Quarry Hill Software", "quarryhill.example"), ("Sable Grid Energy", "sablegrid.example"),
                ("Highmoor Geospatial", "highmoor-geo.example"), ("Fernhill Learning", "fernhill.example"),
                ("Ardent Circuit Labs", "ardentcircuit.example"), ("Copse & Kiln Design", "copsekiln.example")],
}
NEWS_OUTLETS = {
    "tune": [("The Parliamentary Review Weekly", "parlreview.example"), ("Civil Service Despatch", "csdespatch.example")],
    "heldout": [("Whitehall Ledger", "whitehall-ledger.example"), ("Policy & Power Magazine", "policypower.example")],
}

# Fronts: invented firms, think tanks and forums behind which hostile personas approach officials.
# kind: recruiter, think_tank, consultancy, conference, academic, media, tech_recruiter
FRONTS = {
    "tune": [
        ("recruiter", "Silverline Global Talent", "silverline-talent.example"),
        ("think_tank", "Institute for Eurasian Cooperation Studies", "ieacs-institute.example"),
        ("consultancy", "Apex Horizon Strategic Advisory", "apexhorizon-advisory.example"),
        ("conference", "International Forum on Future Governance", "iffg-forum.example"),
        ("academic", "Journal of Comparative Security Policy", "jcsp-journal.example"),
        ("tech_recruiter", "Vantage Aero Careers", "vantage-aerocareers.example"),
        ("consultancy", "Crestmoor Risk Intelligence", "crestmoor-risk.example"),
        ("think_tank", "Centre for Maritime Silk Road Research", "cmsrr-centre.example"),
        ("media", "Global Affairs Observer", "globalaffairs-observer.example"),
        ("recruiter", "Pinnacle Bridge Headhunting", "pinnaclebridge-hh.example"),
    ],
    "heldout": [
        ("recruiter", "Everbright Career Partners", "everbright-careers.example"),
        ("think_tank", "Council for Sino-Atlantic Dialogue", "csad-council.example"),
        ("consultancy", "Northstar Geo-Economic Consulting", "northstar-geoecon.example"),
        ("conference", "World Symposium on Strategic Technology", "wsst-symposium.example"),
        ("academic", "Review of Global Defence Economics", "rgde-review.example"),
        ("tech_recruiter", "Orion Defence Talent", "orion-deftalent.example"),
        ("consultancy", "Kingsbury Hale Market Insight", "kingsburyhale.example"),
        ("think_tank", "Baltic-Pacific Policy Institute", "bppi-institute.example"),
        ("media", "Strategic Horizons Review", "strathorizons-review.example"),
        ("recruiter", "Lumen Executive Resourcing", "lumen-exec.example"),
    ],
}
# Old cases: fronts that the team once saw and put on its watchlist, which no longer approach
# anyone (stale rows, as every real list has).
STALE_FRONTS = {
    "tune": [("Goldcrest Policy Exchange", "goldcrest-px.example"), ("Sino-Euro Talent Bridge", "setb-talent.example"),
             ("Arcadia Strategic Forum", "arcadia-sf.example"), ("Redwood Analytic Partners", "redwood-ap.example")],
    "heldout": [("Harbourline Research Council", "harbourline-rc.example"), ("Meridian Youth Leaders Forum", "mylf-forum.example"),
                ("Trans-Asia Think Network", "tatn-network.example"), ("Blackstone Crest Advisory", "bcrest-adv.example")],
}

TOPICS_BY_WORLD = {
    # Conference and research topics the world's events and notes are about.
    "tune": ["supply chain resilience", "AI regulation", "net zero infrastructure", "the future of the civil service",
             "open-source intelligence", "critical minerals", "space debris", "digital identity",
             "port security", "quantum-safe cryptography", "grid storage", "disinformation"],
    "heldout": ["semiconductor policy", "Arctic security", "data sharing across government", "drone regulation",
                "undersea cables", "biosecurity preparedness", "export control reform", "public sector cloud",
                "hydrogen", "election security", "satellite communications", "procurement reform"],
}
