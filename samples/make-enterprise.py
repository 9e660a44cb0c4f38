#!/usr/bin/env python3
"""Generate samples/enterprise.xml: a ~400-person insurance group.

    python3 samples/make-enterprise.py [--seed N] [-o samples/enterprise.xml]

Deterministic: the same seed gives byte-identical output (only random.Random
with an explicit seed is used, and nothing iterates over a set or dict whose
order depends on hashing).  The committed samples/enterprise.xml is the output
of the default seed; regenerate it with the command above after any change and
update samples/README.md if the gaps change.

The top of the organisation and the people that make the gaps of
samples/README.md are written out by hand below; the rest (departments down to
individual contributors, influence, dotted lines, most coverage and
touchpoints) is drawn from the seeded generator with a realistic mix of roles
and attitudes by level.
"""
import argparse
import datetime
import random
import sys
import unicodedata
from xml.sax.saxutils import quoteattr

AS_OF = datetime.date(2026, 11, 1)
DOMAIN = "aurelia-mutual.example"

# Name pools, kept per culture so that first and last names match.
NAMES = {
    "english": (["James", "Olivia", "Thomas", "Charlotte", "William", "Emily", "Harry",
                 "Amelia", "George", "Jessica", "Daniel", "Hannah", "Matthew", "Lucy",
                 "Benjamin", "Eleanor", "Samuel", "Rachel", "Christopher", "Victoria"],
                ["Whitfield", "Carter", "Hughes", "Palmer", "Fletcher", "Morrison",
                 "Bennett", "Ashby", "Clarke", "Harrington", "Lawson", "Pembroke",
                 "Sutton", "Thornbury", "Walsh", "Ellis", "Gardner", "Holloway"]),
    "irish": (["Aoife", "Ciarán", "Niamh", "Seán", "Róisín", "Pádraig", "Siobhán",
               "Eoin", "Orla", "Cathal"],
              ["O'Sullivan", "McCarthy", "Byrne", "Kavanagh", "O'Brien",
               "Fitzgerald", "Doherty", "Quinlan"]),
    "german": (["Jürgen", "Katrin", "Matthias", "Anja", "Stefan", "Sabine", "Florian",
                "Ulrike", "Tobias", "Bärbel"],
               ["Müller", "Schröder", "Weiß", "Krüger", "Hoffmann", "Becker",
                "Vogel", "Zimmermann", "Fuchs", "Köhler"]),
    "french": (["Amélie", "François", "Hélène", "Jérôme", "Céline", "Benoît",
                "Océane", "Rémi", "Noémie", "Loïc"],
               ["Lefebvre", "Girard", "Rousseau", "Bérard", "Chevalier", "Dupont",
                "Fournier", "Lemaître", "Mercier", "Faure"]),
    "spanish": (["José", "María", "Alejandro", "Lucía", "Andrés", "Carmen",
                 "Íñigo", "Begoña", "Raúl", "Sofía"],
                ["García", "Martínez", "Núñez", "Peña", "Ibáñez", "Ortiz",
                 "Castaño", "Muñoz", "Serrano", "Domínguez"]),
    "portuguese": (["João", "Beatriz", "Gonçalo", "Inês", "Tiago", "Mariana"],
                   ["Gonçalves", "Araújo", "Simões", "Magalhães", "Conceição", "Brandão"]),
    "italian": (["Giorgio", "Francesca", "Matteo", "Chiara", "Alessandro", "Federica",
                 "Nicolò", "Elisa"],
                ["Esposito", "Ricci", "Colombo", "De Luca", "Moretti", "Barbieri",
                 "Fabbri", "Galli"]),
    "nordic": (["Søren", "Ingrid", "Lars", "Åsa", "Mikkel", "Sigrid", "Henrik",
                "Maja"],
               ["Kjær", "Lindgren", "Østergaard", "Berg", "Håkansson", "Nyström",
                "Dahl", "Sandvik"]),
    "polish": (["Małgorzata", "Krzysztof", "Agnieszka", "Łukasz", "Joanna", "Paweł"],
               ["Nowak", "Zając", "Mazur", "Krawczyk", "Wróbel", "Kaczmarek"]),
    "turkish": (["Elif", "Emre", "Zeynep", "Burak", "Ayşe", "Oğuz"],
                ["Yılmaz", "Şahin", "Çelik", "Öztürk", "Demir", "Kaya"]),
    "indian": (["Aarav", "Priya", "Rohan", "Kavya", "Vikram", "Ananya", "Sanjay",
                "Meera", "Aditya", "Lakshmi"],
               ["Sharma", "Iyer", "Reddy", "Chatterjee", "Menon", "Gupta", "Pillai",
                "Joshi", "Rao", "Bhattacharya"]),
    "chinese": (["Wei", "Xiaoling", "Jun", "Mei", "Hao", "Lina", "Zhiwei", "Yan"],
                ["Zhang", "Liu", "Chen", "Huang", "Zhao", "Wu", "Lin", "Xu"]),
    "japanese": (["Haruto", "Yui", "Takeshi", "Aiko", "Kenta", "Sakura"],
                 ["Sato", "Suzuki", "Takahashi", "Nakamura", "Kobayashi", "Yamamoto"]),
    "korean": (["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun"],
               ["Kim", "Park", "Choi", "Jung"]),
    "west-african": (["Chinedu", "Adaeze", "Kwabena", "Abena", "Oluwaseun", "Folake",
                      "Kofi", "Ama"],
                     ["Okonkwo", "Adeyemi", "Mensah", "Asante", "Babatunde", "Owusu",
                      "Eze", "Ogunleye"]),
    "east-african": (["Wanjiru", "Baraka", "Achieng", "Juma"],
                     ["Kamau", "Otieno", "Mwangi", "Njoroge"]),
    "arabic": (["Omar", "Layla", "Karim", "Yasmin", "Tariq", "Nour"],
               ["Haddad", "Al-Masri", "Khalil", "Nasser", "Saleh", "Mansour"]),
    "latin-american": (["Valentina", "Mateus", "Camila", "Santiago", "Gabriela",
                        "Joaquín"],
                       ["Rodríguez", "Fernandes", "Gutiérrez", "Vargas", "Oliveira",
                        "Sánchez"]),
}
# Rough make-up of a UK/EU-headquartered insurer with a global shared-service
# centre: weights per culture.
CULTURE_WEIGHTS = [
    ("english", 24), ("irish", 6), ("german", 7), ("french", 7), ("spanish", 6),
    ("portuguese", 3), ("italian", 5), ("nordic", 4), ("polish", 5), ("turkish", 3),
    ("indian", 10), ("chinese", 4), ("japanese", 2), ("korean", 1),
    ("west-african", 5), ("east-african", 2), ("arabic", 3), ("latin-american", 3),
]

# Departments below the C-suite: (department, head id key, size incl. head,
# levels below the head, titles per level).  The level lists run from the
# level just below the head down to individual contributors.
DEPARTMENTS = [
    ("Finance", "cfo", 34, ["vp", "director", "manager", "ic"], {
        "vp": ["VP Financial Planning & Analysis", "VP Group Reporting", "VP Treasury",
               "VP Actuarial Finance"],
        "director": ["Director of FP&A", "Director of Financial Reporting",
                     "Director of Tax", "Director of Treasury Operations",
                     "Director of Reserving", "Director of Capital Management",
                     "Director of Finance Systems"],
        "manager": ["Finance Business Partner", "Reporting Manager", "Tax Manager",
                    "Treasury Manager", "Reserving Manager", "Accounts Payable Manager",
                    "Financial Control Manager", "Solvency II Reporting Manager"],
        "ic": ["Financial Analyst", "Senior Accountant", "Actuarial Analyst",
               "Tax Analyst", "Treasury Analyst", "Management Accountant",
               "Accounts Payable Specialist"],
    }),
    ("Procurement", "cpo", 11, ["director", "manager", "ic"], {
        "director": ["Director of Strategic Sourcing", "Director of Vendor Management"],
        "manager": ["Category Manager, Technology", "Category Manager, Professional Services",
                    "Vendor Risk Manager", "Contract Manager"],
        "ic": ["Procurement Analyst", "Sourcing Specialist", "Vendor Management Analyst"],
    }),
    ("Technology", "cio", 66, ["vp", "director", "manager", "ic"], {
        "vp": ["VP Enterprise Architecture", "VP Infrastructure & Cloud",
               "VP Core Insurance Platforms", "VP Digital Engineering"],
        "director": ["Director of Cloud Platform", "Director of Claims Systems",
                     "Director of Policy Administration Systems", "Director of Integration",
                     "Director of End-User Computing", "Director of Digital Channels",
                     "Director of IT Service Management", "Director of Solution Architecture",
                     "Director of Quality Engineering"],
        "manager": ["Engineering Manager", "Platform Manager", "Application Manager",
                    "Infrastructure Manager", "Release Manager", "Service Delivery Manager",
                    "Architecture Lead", "DevOps Manager"],
        "ic": ["Software Engineer", "Senior Software Engineer", "Solutions Architect",
               "Site Reliability Engineer", "Cloud Engineer", "Business Analyst",
               "Integration Developer", "QA Engineer", "Service Desk Analyst",
               "Database Administrator"],
    }),
    ("Information Security", "ciso", 14, ["director", "manager", "ic"], {
        "director": ["Director of Security Operations", "Director of Identity & Access",
                     "Director of Security Architecture"],
        "manager": ["SOC Manager", "IAM Manager", "Security Risk Manager",
                    "Threat Intelligence Lead"],
        "ic": ["Security Analyst", "Security Engineer", "Penetration Tester",
               "IAM Engineer"],
    }),
    ("Data & Analytics", "cdo", 24, ["director", "manager", "ic"], {
        "director": ["Director of Data Engineering", "Director of Pricing Analytics",
                     "Director of Data Governance", "Director of Data Science"],
        "manager": ["Data Engineering Manager", "Analytics Manager", "Data Governance Lead",
                    "Data Science Lead", "BI Manager"],
        "ic": ["Data Engineer", "Data Scientist", "Pricing Analyst", "BI Developer",
               "Data Steward", "Analytics Engineer"],
    }),
    ("Claims", "cco", 61, ["vp", "director", "manager", "ic"], {
        "vp": ["VP Property Claims", "VP Motor Claims", "VP Claims Transformation",
               "VP Special Investigations"],
        "director": ["Director of Property Claims, North", "Director of Property Claims, South",
                     "Director of Motor Claims", "Director of Major Loss",
                     "Director of Claims Operations", "Director of Counter-Fraud",
                     "Director of Supplier Networks", "Director of Claims Quality"],
        "manager": ["Claims Team Manager", "Major Loss Manager", "Fraud Investigations Manager",
                    "Supplier Network Manager", "Claims Quality Manager",
                    "Litigation Claims Manager", "Claims Workforce Manager"],
        "ic": ["Claims Handler", "Senior Claims Handler", "Loss Adjuster", "Fraud Analyst",
               "Claims Technician", "Recoveries Specialist", "Claims Quality Analyst"],
    }),
    ("Underwriting", "cuo", 42, ["vp", "director", "manager", "ic"], {
        "vp": ["VP Commercial Underwriting", "VP Personal Lines Underwriting",
               "VP Specialty Lines"],
        "director": ["Director of Property Underwriting", "Director of Casualty Underwriting",
                     "Director of Marine & Energy", "Director of Underwriting Performance",
                     "Director of Home & Motor Pricing", "Director of Cyber Underwriting"],
        "manager": ["Underwriting Manager", "Portfolio Manager", "Underwriting Operations Manager",
                    "Pricing Manager", "Referral Manager"],
        "ic": ["Underwriter", "Senior Underwriter", "Underwriting Assistant",
               "Risk Engineer", "Pricing Analyst"],
    }),
    ("Distribution", "cdio", 36, ["vp", "director", "manager", "ic"], {
        "vp": ["VP Broker Distribution", "VP Direct & Digital Sales", "VP Partnerships"],
        "director": ["Director of Broker Relationships", "Director of Direct Sales",
                     "Director of Affinity Partnerships", "Director of Sales Operations",
                     "Director of Distribution Strategy"],
        "manager": ["Broker Account Manager", "Sales Team Manager", "Partnership Manager",
                    "Sales Operations Manager", "Channel Manager"],
        "ic": ["Broker Development Executive", "Sales Executive", "Sales Operations Analyst",
               "Partnership Executive"],
    }),
    ("Operations", "coo", 20, ["director", "manager", "ic"], {
        "director": ["Director of Operational Excellence", "Director of Business Continuity",
                     "Director of Shared Services"],
        "manager": ["Process Excellence Manager", "Business Continuity Manager",
                    "Shared Services Manager", "Workforce Planning Manager"],
        "ic": ["Process Analyst", "Operations Analyst", "Continuity Analyst",
               "Workforce Analyst"],
    }),
    ("Customer Service", "csvp", 32, ["director", "manager", "ic"], {
        "director": ["Director of Contact Centres", "Director of Customer Experience",
                     "Director of Complaints"],
        "manager": ["Contact Centre Manager", "Customer Experience Manager",
                    "Complaints Manager", "Quality & Coaching Manager"],
        "ic": ["Customer Service Advisor", "Senior Customer Service Advisor",
               "Complaints Handler", "Customer Insight Analyst"],
    }),
    ("Risk & Compliance", "cro", 18, ["director", "manager", "ic"], {
        "director": ["Director of Enterprise Risk", "Director of Compliance",
                     "Director of Operational Risk"],
        "manager": ["Operational Risk Manager", "Compliance Manager", "Model Risk Manager",
                    "Regulatory Change Manager"],
        "ic": ["Risk Analyst", "Compliance Analyst", "Model Validator"],
    }),
    ("Legal", "gc", 10, ["manager", "ic"], {
        "manager": ["Senior Legal Counsel", "Head of Commercial Contracts",
                    "Head of Regulatory Legal"],
        "ic": ["Legal Counsel", "Paralegal", "Contracts Specialist"],
    }),
    ("Human Resources", "chro", 14, ["director", "manager", "ic"], {
        "director": ["Director of Talent", "Director of Reward", "Director of HR Operations"],
        "manager": ["HR Business Partner", "Talent Acquisition Manager", "Learning Manager",
                    "HR Systems Manager"],
        "ic": ["HR Advisor", "Recruiter", "HR Systems Analyst", "Reward Analyst"],
    }),
    ("Marketing", "cmo", 14, ["director", "manager", "ic"], {
        "director": ["Director of Brand", "Director of Digital Marketing",
                     "Director of Customer Insight"],
        "manager": ["Brand Manager", "Performance Marketing Manager", "Content Manager",
                    "Insight Manager"],
        "ic": ["Marketing Executive", "Content Designer", "Insight Analyst",
               "SEO Specialist"],
    }),
]

# Roles by level: (role, weight); "tech" departments use technical-buyer more.
TECH_DEPTS = {"Technology", "Information Security", "Data & Analytics"}
ROLE_MIX = {
    "vp": [("influencer", 35), ("user-buyer", 20), ("decision-maker", 8),
           ("technical-buyer", 10), ("gatekeeper", 6), ("blocker", 4), ("unknown", 17)],
    "director": [("influencer", 28), ("user-buyer", 22), ("technical-buyer", 8),
                 ("gatekeeper", 8), ("blocker", 3), ("champion", 2), ("unknown", 29)],
    "manager": [("user-buyer", 14), ("user", 32), ("influencer", 14), ("gatekeeper", 4),
                ("technical-buyer", 4), ("champion", 2), ("unknown", 30)],
    "ic": [("user", 55), ("influencer", 4), ("technical-buyer", 2), ("champion", 1),
           ("unknown", 38)],
}
ATTITUDE_MIX = {
    "vp": [("supporter", 22), ("neutral", 30), ("skeptic", 18), ("opponent", 6),
           ("champion", 4), ("unknown", 20)],
    "director": [("supporter", 22), ("neutral", 26), ("skeptic", 14), ("opponent", 5),
                 ("champion", 5), ("unknown", 28)],
    "manager": [("supporter", 20), ("neutral", 22), ("skeptic", 10), ("opponent", 3),
                ("champion", 5), ("unknown", 40)],
    "ic": [("supporter", 14), ("neutral", 16), ("skeptic", 6), ("opponent", 2),
           ("champion", 3), ("unknown", 59)],
}
INFLUENCE_RANGE = {"vp": (0.45, 0.74), "director": (0.3, 0.6), "manager": (0.15, 0.42),
                   "ic": (0.02, 0.22)}
# Share of each level in a department's headcount (below the head).
LEVEL_SHARE = {"vp": 0.07, "director": 0.15, "manager": 0.25, "ic": 0.53}

CHANNELS = [("meeting", 30), ("call", 25), ("email", 25), ("event", 6), ("support", 8),
            ("social", 6)]
SENTIMENTS = [("positive", 40), ("neutral", 45), ("negative", 15)]

TEAM = [
    ("u1", "Rebecca Thornton", "account-executive"),
    ("u2", "Arnav Kapoor", "sales-engineer"),
    ("u3", "Inès Benali", "customer-success"),
    ("u4", "Frederik Jansen", "executive-sponsor"),
    ("u5", "Lucía Navarro", "partner"),
]
# Which departments each member works, for the generated coverage.
MEMBER_DEPTS = {
    "u1": ["Finance", "Procurement", "Distribution"],
    "u2": ["Technology", "Data & Analytics", "Information Security"],
    "u3": ["Claims", "Customer Service", "Operations"],
    "u5": ["Underwriting", "Claims"],
}
MEMBER_TARGETS = {"u1": 9, "u2": 16, "u3": 15, "u5": 8}


class Person:
    __slots__ = ("id", "name", "title", "dept", "manager", "role", "influence",
                 "attitude", "email", "url", "level", "fixed")

    def __init__(self, **kw):
        self.url = None
        self.email = None
        self.fixed = False
        for k, v in kw.items():
            setattr(self, k, v)


def pick(rng, weighted):
    total = sum(w for _, w in weighted)
    x = rng.uniform(0, total)
    for value, w in weighted:
        x -= w
        if x <= 0:
            return value
    return weighted[-1][0]


def ascii_slug(text):
    s = unicodedata.normalize("NFKD", text)
    s = s.replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
    s = s.replace("ı", "i").replace("ß", "ss").replace("æ", "ae").replace("å", "a")
    s = "".join(c for c in s if not unicodedata.combining(c) and c != "'")
    s = "".join(c if c.isalnum() else "-" for c in s.lower())
    while "--" in s:
        s = s.replace("--", "-")
    return s.strip("-")


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.persons = []
        self.by_key = {}
        self.used_names = set()
        self.influence = []   # (from, to, weight)
        self.dotted = []      # (from, to)
        self.coverage = []    # (member, person, strength)
        self.touch = []       # (member, person, channel, date, sentiment)

    def name(self):
        rng = self.rng
        while True:
            culture = pick(rng, CULTURE_WEIGHTS)
            first, last = NAMES[culture]
            n = "%s %s" % (rng.choice(first), rng.choice(last))
            if n not in self.used_names:
                self.used_names.add(n)
                return n

    def add(self, key=None, **kw):
        p = Person(id="p%d" % (len(self.persons) + 1), **kw)
        if p.name is None:
            p.name = self.name()
        else:
            self.used_names.add(p.name)
        if p.email is None:
            p.email = "%s@%s" % (ascii_slug(p.name).replace("-", "."), DOMAIN)
        self.persons.append(p)
        if key:
            self.by_key[key] = p
        return p

    def fixed(self, key, name, title, dept, manager, role, influence, attitude, level="c"):
        p = self.add(key, name=name, title=title, dept=dept,
                     manager=self.by_key[manager].id if manager else None, role=role,
                     influence=influence, attitude=attitude, level=level)
        p.fixed = True
        return p

    def date_ago(self, lo, hi):
        return AS_OF - datetime.timedelta(days=self.rng.randint(lo, hi))

    # -- the organisation ------------------------------------------------------

    def build(self):
        F = self.fixed
        # Executive and C-suite, written by hand: these carry the sample's story.
        F("ceo", "Margaret Ellison-Hart", "Group Chief Executive Officer", "Executive", None,
          "decision-maker", 0.95, "neutral")
        F("cos", "Tobias Achterberg", "Chief of Staff to the CEO", "Executive", "ceo",
          "gatekeeper", 0.55, "supporter")
        F("ea", "Chloe Brannigan", "Executive Assistant to the CEO", "Executive", "ceo",
          "gatekeeper", 0.3, "neutral")
        F("cfo", "Dominic Achebe", "Group Chief Financial Officer", "Finance", "ceo",
          "economic-buyer", 0.9, "supporter")
        F("cio", "Sunita Venkataraman", "Chief Information Officer", "Technology", "ceo",
          "technical-buyer", 0.85, "supporter")
        F("coo", "Pierre-Alain Rochefort", "Chief Operating Officer", "Operations", "ceo",
          "decision-maker", 0.8, "supporter")
        F("cco", "Ewa Zielińska-Brandt", "Chief Claims Officer", "Claims", "ceo",
          "decision-maker", 0.8, "skeptic")
        F("cuo", "Alasdair Menzies", "Chief Underwriting Officer", "Underwriting", "ceo",
          "influencer", 0.75, "neutral")
        F("cdio", "Ramona Oyelaran", "Chief Distribution Officer", "Distribution", "ceo",
          "influencer", 0.7, "supporter")
        F("cro", "Hans-Peter Vogt", "Chief Risk Officer", "Risk & Compliance", "ceo",
          "gatekeeper", 0.65, "skeptic")
        F("gc", "Isabella Fairbanks", "General Counsel", "Legal", "ceo",
          "gatekeeper", 0.6, "neutral")
        F("chro", "Nkechi Obi", "Chief People Officer", "Human Resources", "ceo",
          "influencer", 0.45, "neutral")
        F("cmo", "Julien Marchetti", "Chief Marketing Officer", "Marketing", "ceo",
          "influencer", 0.5, "neutral")
        F("cdo", "Kenji Morimoto", "Chief Data Officer", "Data & Analytics", "cio",
          "technical-buyer", 0.72, "neutral")
        F("ciso", "Radek Horváth", "Chief Information Security Officer", "Information Security",
          "cio", "blocker", 0.7, "skeptic")
        F("cpo", "Bronwyn Castellanos", "Chief Procurement Officer", "Procurement", "cfo",
          "gatekeeper", 0.6, "opponent")
        F("csvp", "Aurélien Dufresne", "VP Customer Service", "Customer Service", "coo",
          "user-buyer", 0.55, "supporter", level="vp")
        # A non-executive board member who has a vote on the programme but no
        # line into the organisation and nobody who knows them: isolated.
        F("ned", "Sir Anthony Okwuosa", "Non-Executive Director, Board Technology Committee",
          "Board", None, "decision-maker", 0.75, "unknown")

        for dept, head, size, levels, titles in DEPARTMENTS:
            self.department(dept, self.by_key[head], size, levels, titles)

    def department(self, dept, head, size, levels, titles):
        rng = self.rng
        below = size - 1
        share = sum(LEVEL_SHARE[lv] for lv in levels)
        counts = [max(1, round(below * LEVEL_SHARE[lv] / share)) for lv in levels]
        counts[-1] = max(1, below - sum(counts[:-1]))
        parents = [head]
        for lv, n in zip(levels, counts):
            layer = []
            # Every parent gets at least one report when there are enough people.
            order = list(range(len(parents)))
            rng.shuffle(order)
            avail = list(titles[lv])
            rng.shuffle(avail)
            for i in range(n):
                parent = parents[order[i]] if i < len(order) else rng.choice(parents)
                if lv in ("vp", "director"):
                    title = avail.pop() if avail else "%s (%s)" % (rng.choice(titles[lv]), i + 1)
                else:
                    title = rng.choice(titles[lv])
                role = pick(rng, ROLE_MIX[lv])
                if role == "technical-buyer" and dept not in TECH_DEPTS and rng.random() < 0.6:
                    role = "influencer" if lv != "ic" else "user"
                lo, hi = INFLUENCE_RANGE[lv]
                attitude = pick(rng, ATTITUDE_MIX[lv])
                # Keep role and attitude coherent: a blocker is not a fan, a
                # champion is not against us.
                if role == "blocker" and attitude in ("champion", "supporter"):
                    attitude = rng.choice(["skeptic", "opponent", "neutral"])
                if role == "champion" and attitude not in ("champion", "supporter"):
                    attitude = "champion"
                p = self.add(name=None, title=title, dept=dept, manager=parent.id, role=role,
                             influence=round(rng.uniform(lo, hi), 2),
                             attitude=attitude, level=lv)
                if rng.random() < 0.08:
                    p.url = "https://www.linkedin.com/in/%s-example" % ascii_slug(p.name)
                layer.append(p)
            parents = layer

    # -- edges -----------------------------------------------------------------

    def edges(self):
        rng = self.rng
        byid = {p.id: p for p in self.persons}
        ned = self.by_key["ned"]
        people = [p for p in self.persons if p is not ned]
        seen = set()

        def influence(a, b, w):
            if a is b or (a.id, b.id) in seen or (b.id, a.id) in seen:
                return
            seen.add((a.id, b.id))
            self.influence.append((a.id, b.id, w))

        # Hand-written influence that the sample's story relies on.
        K = self.by_key
        influence(K["cfo"], K["ceo"], 0.75)
        influence(K["cio"], K["ceo"], 0.6)
        influence(K["cos"], K["ceo"], 0.5)
        influence(K["cro"], K["cfo"], 0.5)
        influence(K["cpo"], K["cfo"], 0.45)
        influence(K["ciso"], K["cio"], 0.55)
        influence(K["coo"], K["cco"], 0.4)
        influence(K["cco"], K["cio"], -0.45)   # claims platform budget fight
        influence(K["cpo"], K["cio"], -0.5)    # procurement wants a re-tender
        influence(K["cro"], K["cdio"], -0.3)

        # Generated: people sway their manager's manager, peers of their
        # manager, and (for senior people) C-level heads across departments.
        managers = {}
        for p in people:
            if p.manager:
                managers.setdefault(p.manager, []).append(p)
        seniors = [p for p in people if p.level in ("c", "vp")]
        for p in people:
            if p.fixed and p.level == "c":
                continue
            chance = {"vp": 0.7, "director": 0.45, "manager": 0.25, "ic": 0.06}[p.level]
            if rng.random() >= chance:
                continue
            mgr = byid.get(p.manager)
            if mgr is None:
                continue
            targets = []
            if mgr.manager:
                targets.append(byid[mgr.manager])
            targets.extend(q for q in managers.get(mgr.manager, []) if q is not mgr)
            if p.level in ("vp", "director"):
                targets.extend(rng.sample(seniors, 3))
            targets = [t for t in targets if t is not p and t is not mgr]
            if not targets:
                continue
            t = rng.choice(targets)
            if rng.random() < 0.13:
                w = -round(rng.uniform(0.2, 0.7), 2)
            else:
                w = round(rng.uniform(0.2, 0.85), 2)
            influence(p, t, w)

        # Dotted lines: business partners and embedded specialists.
        def dotted(a, b):
            if a is not b and a.manager != b.id and (a.id, b.id) not in self.dotted:
                self.dotted.append((a.id, b.id))

        dotted(K["ciso"], K["cro"])
        dotted(K["csvp"], K["cco"])
        by_dept = {}
        for p in people:
            by_dept.setdefault(p.dept, []).append(p)
        pairs = [("Finance", "Claims"), ("Finance", "Underwriting"), ("Finance", "Technology"),
                 ("Technology", "Claims"), ("Technology", "Underwriting"),
                 ("Technology", "Distribution"), ("Data & Analytics", "Underwriting"),
                 ("Data & Analytics", "Claims"), ("Risk & Compliance", "Claims"),
                 ("Risk & Compliance", "Underwriting"), ("Human Resources", "Customer Service"),
                 ("Legal", "Procurement"), ("Procurement", "Technology"),
                 ("Operations", "Claims")]
        for src, dst in pairs:
            a = rng.choice([p for p in by_dept[src] if p.level == "manager"])
            b = rng.choice([p for p in by_dept[dst] if p.level in ("vp", "director", "c")])
            dotted(a, b)

    # -- our coverage ----------------------------------------------------------

    def relationship(self, member, person, explicit=None, touches=()):
        if explicit is not None:
            self.coverage.append((member, person.id, explicit))
        for channel, date, sentiment in touches:
            self.touch.append((member, person.id, channel, date, sentiment))

    def our_side(self):
        rng = self.rng
        K = self.by_key
        d = lambda s: datetime.date.fromisoformat(s)
        R = self.relationship
        # Hand-written: the executive relationships.
        R("u4", K["ceo"], 0.6, [("event", d("2026-05-20"), "positive"),
                                ("meeting", d("2026-09-17"), "positive")])
        # The CFO: strong on paper, but nobody has met him since early July.
        R("u1", K["cfo"], 0.7, [("meeting", d("2026-07-02"), "positive"),
                                ("email", d("2026-06-20"), "neutral")])
        R("u4", K["cfo"], 0.5, [("call", d("2026-05-14"), "neutral")])
        R("u2", K["cio"], 0.65, [("meeting", d("2026-10-08"), "positive"),
                                 ("call", d("2026-10-27"), "neutral")])
        R("u1", K["cio"], None, [("email", d("2026-10-21"), "positive")])
        R("u3", K["coo"], None, [("meeting", d("2026-10-13"), "positive"),
                                 ("call", d("2026-10-29"), "positive")])
        R("u4", K["coo"], None, [("event", d("2026-09-24"), "positive")])
        R("u5", K["cuo"], 0.55, [("meeting", d("2026-09-30"), "neutral")])
        R("u1", K["cdio"], None, [("meeting", d("2026-10-16"), "positive"),
                                  ("email", d("2026-10-23"), "neutral")])
        R("u1", K["cos"], None, [("email", d("2026-10-05"), "neutral")])
        R("u3", K["csvp"], 0.6, [("support", d("2026-10-26"), "negative"),
                                 ("meeting", d("2026-09-09"), "positive")])
        R("u1", K["cpo"], None, [("email", d("2026-08-28"), "negative")])

        # Generated: each member works a few departments.  Champions are
        # known (a contact form, an event badge scan) but not worked: at most
        # one old, light touch, so no champion is covered.
        byid = {p.id: p for p in self.persons}
        for m in ("u1", "u2", "u3", "u5"):
            pool = [p for p in self.persons if p.dept in MEMBER_DEPTS[m] and not p.fixed
                    and p.attitude != "champion" and p.role != "champion"]
            pool.sort(key=lambda p: (-p.influence, p.id))
            # Bias to senior people: take from the top half mostly.
            top = pool[:len(pool) // 3]
            rest = pool[len(pool) // 3:]
            n = MEMBER_TARGETS[m]
            chosen = rng.sample(top, min(len(top), (2 * n) // 3))
            chosen += rng.sample(rest, n - len(chosen))
            chosen.sort(key=lambda p: int(p.id[1:]))
            for p in chosen:
                explicit = None
                if rng.random() < 0.45:
                    explicit = round(rng.uniform(0.25, 0.85), 2)
                touches = []
                for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
                    touches.append((pick(rng, CHANNELS), self.date_ago(0, 330),
                                    pick(rng, SENTIMENTS)))
                if explicit is None and not touches:
                    touches.append(("email", self.date_ago(20, 200), "neutral"))
                touches.sort(key=lambda t: t[1])
                R(m, p, explicit, touches)
        champions = [p for p in self.persons
                     if p.attitude == "champion" or p.role == "champion"]
        for p in champions:
            if rng.random() < 0.4:
                m = rng.choice(["u1", "u2", "u3", "u5"])
                R(m, p, None, [(rng.choice(["email", "social", "event"]),
                                self.date_ago(150, 420), "positive")])
        del byid

    # -- output ----------------------------------------------------------------

    def write(self, out):
        w = out.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n')
        w("<!--\n  Aurelia Mutual Insurance Group: a ~400-stakeholder enterprise account in\n"
          "  expansion. Generated by samples/make-enterprise.py (seeded, deterministic);\n"
          "  do not edit by hand. See samples/README.md for the gaps it shows.\n-->\n")
        w('<relmap version="1" as-of="%s">\n' % AS_OF.isoformat())
        w('  <account id="aurelia" name="Aurelia Mutual Insurance Group" industry="Insurance"'
          ' segment="enterprise"\n           stage="expansion" value="4200000"'
          ' url="https://aurelia-mutual.example">\n')
        w("    <team>\n")
        for mid, name, role in TEAM:
            w('      <member id="%s" name=%s role="%s"/>\n' % (mid, quoteattr(name), role))
        w("    </team>\n")
        dept_order = ["Board", "Executive"] + [d[0] for d in DEPARTMENTS]
        for dept in dept_order:
            w("\n    <!-- %s -->\n" % dept.replace("--", "-"))
            for p in self.persons:
                if p.dept != dept:
                    continue
                attrs = [("id", p.id), ("name", p.name), ("title", p.title),
                         ("department", p.dept)]
                if p.manager:
                    attrs.append(("reports-to", p.manager))
                if p.role != "unknown":
                    attrs.append(("role", p.role))
                attrs.append(("influence", "%g" % p.influence))
                if p.attitude != "unknown":
                    attrs.append(("attitude", p.attitude))
                attrs.append(("email", p.email))
                if p.url:
                    attrs.append(("url", p.url))
                w("    <person %s/>\n" % " ".join("%s=%s" % (k, quoteattr(v)) for k, v in attrs))
        w("\n    <!-- Dotted lines -->\n")
        for a, b in self.dotted:
            w('    <dotted-line from="%s" to="%s"/>\n' % (a, b))
        w("\n    <!-- Influence (negative weight: conflict) -->\n")
        for a, b, wt in self.influence:
            w('    <influence from="%s" to="%s" weight="%g"/>\n' % (a, b, wt))
        w("\n    <!-- Coverage -->\n")
        for m, p, s in self.coverage:
            w('    <coverage member="%s" person="%s" strength="%g"/>\n' % (m, p, s))
        w("\n    <!-- Touchpoints -->\n")
        for m, p, c, dt, s in self.touch:
            w('    <touchpoint member="%s" person="%s" channel="%s" date="%s" sentiment="%s"/>\n'
              % (m, p, c, dt.isoformat(), s))
        w("  </account>\n</relmap>\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20261101)
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    g = Generator(args.seed)
    g.build()
    g.edges()
    g.our_side()
    if args.output == "-":
        g.write(sys.stdout)
    else:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            g.write(f)


if __name__ == "__main__":
    main()
