# -*- coding: utf-8 -*-
"""Place knowledge for the LOC gazetteer (German cities, district seats, districts,
regions, countries, foreign cities).  Names that are ordinary German words or
frequent surnames are listed in EXCLUDED and never emitted bare."""

# Cities: all kreisfreie Städte, (almost) all cities >= ~40k inhabitants, all
# Landkreis seats.  Berlin, Hamburg, Bremen are city-states -> BUNDESLAND lexicon.
CITIES = """
München Köln Stuttgart Düsseldorf Leipzig Dortmund Dresden Hannover Nürnberg Duisburg Bochum
Wuppertal Bielefeld Bonn Münster Mannheim Karlsruhe Augsburg Wiesbaden Mönchengladbach
Gelsenkirchen Aachen Braunschweig Kiel Chemnitz Magdeburg Krefeld Mainz Lübeck Erfurt
Oberhausen Rostock Kassel Hagen Potsdam Saarbrücken Oldenburg Osnabrück Leverkusen Heidelberg
Darmstadt Solingen Regensburg Herne Paderborn Neuss Ingolstadt Fürth Würzburg Ulm Heilbronn
Pforzheim Wolfsburg Göttingen Bottrop Reutlingen Erlangen Bremerhaven Koblenz Remscheid Trier
Recklinghausen Jena Moers Salzgitter Siegen Gütersloh Hildesheim Hanau Kaiserslautern Cottbus
Schwerin Witten Gera Iserlohn Ludwigsburg Düren Tübingen Flensburg Zwickau Gießen Ratingen
Lünen Villingen-Schwenningen Konstanz Worms Velbert Minden Neumünster Dorsten Norderstedt
Delmenhorst Viersen Bamberg Marburg Rheine Wilhelmshaven Gladbeck Lüneburg Troisdorf Bayreuth
Detmold Arnsberg Castrop-Rauxel Landshut Bocholt Aschaffenburg Celle Fulda Lippstadt Aalen
Dinslaken Herford Kerpen Plauen Sindelfingen Neuwied Dormagen Weimar Grevenbroich Rosenheim
Neubrandenburg Herten Bergheim Friedrichshafen Garbsen Wesel Hürth Offenburg Stralsund
Greifswald Unna Göppingen Euskirchen Hameln Eschweiler Meerbusch Hilden Waiblingen Pulheim
Hattingen Nordhorn Gummersbach Ahlen Schweinfurt Wetzlar Kleve Passau Ibbenbüren Frechen
Speyer Böblingen Rastatt Elmshorn Emden Goslar Willich Erftstadt Lörrach Cuxhaven Leonberg
Ravensburg Freising Straubing Wolfenbüttel Peine Hennef Dachau Alsdorf Herzogenrath Schwerte
Stade Bergkamen Fellbach Kamen Langenhagen Bad Salzuflen Dessau-Roßlau Brühl Bornheim Dülmen
Gotha Lingen Sankt Augustin Oberursel Bruchsal Nettetal Rodgau Kempen Weinheim Wesseling
Neu-Ulm Germering Pinneberg Wismar Greven Bünde Löhne Dreieich Ettlingen Menden Eisenach
Nordhausen Suhl Bad Vilbel Maintal Königswinter Neu-Isenburg Oranienburg Falkensee Eberswalde
Kaufbeuren Memmingen Ansbach Amberg Coburg Schwabach Kempten Bietigheim-Bissingen
Schwäbisch Gmünd Schwäbisch Hall Crailsheim Nürtingen Kirchheim Esslingen Heidenheim
Biberach Tuttlingen Rottweil Balingen Albstadt Sigmaringen Calw Freudenstadt Emmendingen
Künzelsau Tauberbischofsheim Mosbach Waldshut-Tiengen Radolfzell Überlingen Weingarten
Ehingen Ellwangen Schorndorf Kornwestheim Filderstadt Ostfildern Schwetzingen Wiesloch
Sinsheim Bretten Kehl Lahr Achern Rheinfelden Herrenberg Nagold Mühlacker Ditzingen
Leinfelden-Echterdingen Backnang Geislingen Bühl Baden-Baden
Altötting Ebersberg Eichstätt Erding Fürstenfeldbruck Garmisch-Partenkirchen Landsberg Miesbach
Starnberg Traunstein Deggendorf Dingolfing Freyung Kelheim Pfarrkirchen Cham Neumarkt
Schwandorf Tirschenreuth Forchheim Kronach Kulmbach Lichtenfels Wunsiedel Zirndorf Gunzenhausen
Kitzingen Karlstadt Miltenberg Haßfurt Aichach Donauwörth Günzburg Lindau Sonthofen Marktoberdorf
Mindelheim Nördlingen Burghausen Waldkraiburg Unterschleißheim Königsbrunn Gersthofen Neusäß
Herzogenaurach Oberasbach Selb Marktredwitz Sulzbach-Rosenberg Bad Reichenhall Bad Tölz
Bad Kissingen Bad Neustadt Neuburg Pfaffenhofen Mühldorf Weilheim Friedberg Puchheim
Olching Vaterstetten Unterhaching Ottobrunn Garching Penzberg Geretsried Wolfratshausen
Eberswalde Lübben Lübbenau Rathenow Seelow Senftenberg Beeskow Neuruppin Bad Belzig Perleberg
Luckenwalde Prenzlau Fürstenwalde Strausberg Eisenhüttenstadt Spremberg Guben Ludwigsfelde
Königs Wusterhausen Teltow Kleinmachnow Bernau Schwedt Wittenberge Hennigsdorf Herzberg
Heppenheim Groß-Gerau Gelnhausen Hofheim Erbach Dietzenbach Bad Schwalbach Limburg Lauterbach
Bad Hersfeld Homberg Korbach Eschwege Bad Homburg Rüsselsheim Bensheim Viernheim Lampertheim
Mörfelden-Walldorf Taunusstein Idstein Eschborn Kronberg Bad Nauheim Butzbach Hattersheim
Griesheim Weiterstadt Seligenstadt Dillenburg Herborn Alsfeld Bad Soden
Güstrow Wismar Parchim Ludwigslust Neustrelitz Waren Anklam Pasewalk Demmin Ribnitz-Damgarten
Gifhorn Helmstedt Northeim Diepholz Holzminden Nienburg Stadthagen Winsen Lüchow Osterholz-Scharmbeck
Rotenburg Bad Fallingbostel Uelzen Verden Westerstede Aurich Cloppenburg Meppen Jever
Wildeshausen Vechta Brake Wittmund Laatzen Lehrte Burgdorf Seelze Wunstorf Barsinghausen
Isernhagen Burgwedel Neustadt Buxtehude Achim Syke Weyhe Stuhr Nordenham Varel Papenburg
Bramsche Melle Georgsmarienhütte Lohne Einbeck Osterode Seesen Walsrode Soltau Buchholz
Bad Pyrmont Springe Sarstedt Schöningen Wolfsburg Wedemark
Mettmann Siegburg Borken Coesfeld Steinfurt Warendorf Höxter Lübbecke Schwelm Meschede
Lüdenscheid Olpe Soest Heinsberg Bergisch Gladbach Langenfeld Monheim Erkrath Haan Velbert
Heiligenhaus Wülfrath Kaarst Korschenbroich Jüchen Tönisvorst Goch Emmerich Kevelaer Geldern
Kamp-Lintfort Voerde Hamminkeln Rheinberg Neukirchen-Vluyn Xanten Wesel Emsdetten Ahaus
Gronau Haltern Datteln Waltrop Oer-Erkenschwick Selm Werne Beckum Oelde Lengerich Warstein
Brilon Sundern Hemer Plettenberg Altena Meinerzhagen Attendorn Kreuztal Netphen Bad Berleburg
Gevelsberg Ennepetal Sprockhövel Wetter Herdecke Bad Oeynhausen Porta Westfalica Espelkamp
Rheda-Wiedenbrück Verl Harsewinkel Halle Steinhagen Delbrück Büren Bad Lippspringe Lemgo
Blomberg Schloß Holte-Stukenbrock Bad Driburg Brakel Warburg Beverungen Würselen Baesweiler
Übach-Palenberg Geilenkirchen Erkelenz Hückelhoven Wegberg Jülich Stolberg Bedburg Elsdorf
Niederkassel Lohmar Rheinbach Meckenheim Bad Honnef Wermelskirchen Burscheid Leichlingen
Overath Rösrath Wipperfürth Radevormwald Wiehl Waldbröl Mechernich Schleiden Zülpich
Andernach Mayen Bingen Ingelheim Idar-Oberstein Lahnstein Bad Neuenahr-Ahrweiler Wittlich
Bitburg Daun Alzey Germersheim Haßloch Bad Dürkheim Kirchheimbolanden Kusel Cochem Montabaur
Bad Ems Birkenfeld Altenkirchen Simmern Boppard Frankenthal Pirmasens Zweibrücken
Landau Neustadt Ludwigshafen Bad Kreuznach Sinzig Remagen Betzdorf
Neunkirchen Homburg Völklingen Saarlouis Merzig St. Ingbert St. Wendel Sankt Wendel Sankt Ingbert
Dillingen Blieskastel Lebach
Freiberg Freital Pirna Radebeul Riesa Meißen Döbeln Hoyerswerda Bautzen Görlitz Zittau
Reichenbach Annaberg-Buchholz Limbach-Oberfrohna Glauchau Crimmitschau Werdau Delitzsch
Eilenburg Torgau Borna Markkleeberg Grimma Wurzen Oschatz Coswig Kamenz Weißwasser
Marienberg Stollberg Schwarzenberg Mittweida Flöha Auerbach Oelsnitz
Weißenfels Bitterfeld-Wolfen Halberstadt Wernigerode Quedlinburg Stendal Salzwedel
Sangerhausen Merseburg Naumburg Zeitz Bernburg Köthen Schönebeck Aschersleben Staßfurt
Hettstedt Haldensleben Wittenberg Gardelegen Zerbst Burgenland Genthin Oschersleben
Norderstedt Wedel Ahrensburg Geesthacht Itzehoe Rendsburg Eckernförde Schleswig Husum
Bad Oldesloe Bad Segeberg Kaltenkirchen Henstedt-Ulzburg Reinbek Glinde Quickborn Eutin
Ratzeburg Mölln Plön Preetz Büdelsdorf Bargteheide Uetersen Tornesch
Ilmenau Arnstadt Sömmerda Mühlhausen Sondershausen Meiningen Schmalkalden Sonneberg
Hildburghausen Saalfeld Rudolstadt Pößneck Schleiz Greiz Altenburg Apolda Eisenberg
Heiligenstadt Leinefelde-Worbis Bad Salzungen Bad Langensalza Zeulenroda-Triebes Gotha
Oberhof Schmölln Hermsdorf Stadtroda Lobenstein Bad Frankenhausen Artern Kölleda Weißensee
""".split()

PREFIXES = {"Bad", "Sankt", "St.", "Schwäbisch", "Bergisch", "Königs", "Porta", "Schloß"}


def _merge(words):
    out, i = [], 0
    while i < len(words):
        w = words[i]
        if w in PREFIXES and i + 1 < len(words):
            out.append(w + " " + words[i + 1])
            i += 2
        else:
            out.append(w)
            i += 1
    return list(dict.fromkeys(out))


CITIES = _merge(CITIES)

# Multi-word or parenthesised official city names (emitted as phrase patterns).
CITIES_MULTI = [
    "Frankfurt am Main", "Frankfurt a. M.", "Frankfurt a.M.", "Frankfurt/Main", "Frankfurt (Main)",
    "Frankfurt (Oder)", "Frankfurt/Oder", "Frankfurt an der Oder", "Frankfurt",
    "Freiburg im Breisgau", "Freiburg i. Br.", "Freiburg i.Br.", "Freiburg",
    "Halle (Saale)", "Halle/Saale", "Halle an der Saale", "Halle a. d. Saale", "Halle (Westf.)",
    "Mülheim an der Ruhr", "Mülheim a. d. Ruhr", "Mülheim",
    "Ludwigshafen am Rhein", "Offenbach am Main", "Offenbach a. M.", "Offenbach",
    "Brandenburg an der Havel", "Brandenburg a. d. Havel",
    "Esslingen am Neckar", "Rüsselsheim am Main", "Kempten (Allgäu)", "Landsberg am Lech",
    "Neumarkt in der Oberpfalz", "Neumarkt i. d. OPf.", "Neustadt an der Weinstraße",
    "Neustadt a. d. Weinstraße", "Neustadt an der Waldnaab", "Neustadt an der Aisch",
    "Neustadt am Rübenberge", "Weiden in der Oberpfalz", "Weiden i. d. OPf.", "Weiden i.d.OPf.",
    "Landau in der Pfalz", "Landau i. d. Pfalz", "Frankenthal (Pfalz)", "Mühldorf am Inn",
    "Pfaffenhofen an der Ilm", "Neuburg an der Donau", "Dillingen an der Donau", "Dillingen/Saar",
    "Lauf an der Pegnitz", "Weißenburg in Bayern", "Bad Neustadt an der Saale",
    "Wunsiedel im Fichtelgebirge", "Weilheim in Oberbayern", "Lindau (Bodensee)",
    "Biberach an der Riß", "Heidenheim an der Brenz", "Kirchheim unter Teck", "Weil am Rhein",
    "Rottenburg am Neckar", "Limburg an der Lahn", "Hofheim am Taunus", "Bad Homburg vor der Höhe",
    "Homberg (Efze)", "Rotenburg (Wümme)", "Rotenburg an der Fulda", "Verden (Aller)", "Winsen (Luhe)",
    "Nienburg/Weser", "Lingen (Ems)", "Gronau (Westf.)", "Brake (Unterweser)", "Osterode am Harz",
    "Buchholz in der Nordheide", "Monheim am Rhein", "Emmerich am Rhein", "Haltern am See",
    "Langenfeld (Rheinland)", "Stolberg (Rheinland)", "Menden (Sauerland)", "Bingen am Rhein",
    "Ingelheim am Rhein", "Altenkirchen (Westerwald)", "Simmern/Hunsrück", "Simmern (Hunsrück)",
    "Forst (Lausitz)", "Waren (Müritz)", "Bergen auf Rügen", "Bernau bei Berlin",
    "Schwedt/Oder", "Werder (Havel)", "Lutherstadt Wittenberg", "Lutherstadt Eisleben",
    "Heilbad Heiligenstadt", "Burg bei Magdeburg", "Annaberg-Buchholz", "Aue-Bad Schlema",
    "Neustadt in Sachsen", "Neustadt in Holstein", "Vaihingen an der Enz", "Mühlhausen/Thüringen", "Schwäbisch Gmünd",
]

# Kreise / Landkreise / Regionalverbände whose name differs from a city name.
DISTRICTS = """
Alb-Donau-Kreis Bodenseekreis Breisgau-Hochschwarzwald Enzkreis Hohenlohekreis Main-Tauber-Kreis
Neckar-Odenwald-Kreis Ortenaukreis Ostalbkreis Rems-Murr-Kreis Rhein-Neckar-Kreis
Schwarzwald-Baar-Kreis Zollernalbkreis Bad Tölz-Wolfratshausen Neuburg-Schrobenhausen
Weilheim-Schongau Dingolfing-Landau Freyung-Grafenau Rottal-Inn Straubing-Bogen Amberg-Sulzbach
Erlangen-Höchstadt Weißenburg-Gunzenhausen Haßberge Main-Spessart Rhön-Grabfeld
Aichach-Friedberg Donau-Ries Oberallgäu Ostallgäu Unterallgäu Barnim Dahme-Spreewald Elbe-Elster
Havelland Märkisch-Oderland Oberhavel Oberspreewald-Lausitz Oder-Spree Ostprignitz-Ruppin
Potsdam-Mittelmark Prignitz Spree-Neiße Teltow-Fläming Uckermark Darmstadt-Dieburg
Hochtaunuskreis Main-Kinzig-Kreis Main-Taunus-Kreis Odenwaldkreis Rheingau-Taunus-Kreis
Wetteraukreis Lahn-Dill-Kreis Limburg-Weilburg Marburg-Biedenkopf Vogelsbergkreis
Hersfeld-Rotenburg Schwalm-Eder-Kreis Waldeck-Frankenberg Werra-Meißner-Kreis
Vorpommern-Rügen Nordwestmecklenburg Vorpommern-Greifswald Ludwigslust-Parchim
Hameln-Pyrmont Schaumburg Lüchow-Dannenberg Heidekreis Ammerland Emsland Friesland Wesermarsch
Rhein-Erft-Kreis Oberbergischen Rhein-Sieg-Kreis Ennepe-Ruhr-Kreis Hochsauerlandkreis
Siegen-Wittgenstein Minden-Lübbecke Ahrweiler Cochem-Zell Mayen-Koblenz Rhein-Hunsrück-Kreis
Rhein-Lahn-Kreis Westerwaldkreis Bernkastel-Wittlich Vulkaneifel Trier-Saarburg Alzey-Worms
Donnersbergkreis Rhein-Pfalz-Kreis Mainz-Bingen Südwestpfalz Saarpfalz-Kreis Merzig-Wadern
Erzgebirgskreis Mittelsachsen Vogtlandkreis Nordsachsen Anhalt-Bitterfeld Burgenlandkreis
Mansfeld-Südharz Saalekreis Salzlandkreis Dithmarschen Nordfriesland Ostholstein Stormarn
Steinburg Segeberg Rendsburg-Eckernförde Schleswig-Flensburg Eichsfeld Ilm-Kreis Kyffhäuserkreis
Saale-Holzland-Kreis Saale-Orla-Kreis Saalfeld-Rudolstadt Schmalkalden-Meiningen
Unstrut-Hainich-Kreis Wartburgkreis
""".split()
DISTRICTS.remove("Oberbergischen")
DISTRICTS = _merge(DISTRICTS)

DISTRICTS_MULTI = [
    "Berchtesgadener Land", "Nürnberger Land", "Altenburger Land", "Weimarer Land", "Jerichower Land",
    "Südliche Weinstraße", "Sächsische Schweiz-Osterzgebirge", "Mecklenburgische Seenplatte",
    "Grafschaft Bentheim", "Herzogtum Lauenburg", "Altmarkkreis Salzwedel", "Eifelkreis Bitburg-Prüm",
    "Regionalverband Saarbrücken", "Städteregion Aachen", "StädteRegion Aachen", "Region Hannover",
    "Rhein-Kreis Neuss", "Oberbergischer Kreis", "Oberbergischen Kreis", "Oberbergischen Kreises",
    "Rheinisch-Bergischer Kreis", "Rheinisch-Bergischen Kreis", "Rheinisch-Bergischen Kreises",
    "Märkischer Kreis", "Märkischen Kreis", "Märkischen Kreises",
    "Neustadt an der Aisch-Bad Windsheim",
]

# Berlin and Hamburg boroughs (the city-states themselves are BUNDESLAND).
BOROUGHS = """
Neukölln Kreuzberg Friedrichshain Friedrichshain-Kreuzberg Pankow Spandau Charlottenburg
Charlottenburg-Wilmersdorf Wilmersdorf Lichtenberg Marzahn Hellersdorf Marzahn-Hellersdorf
Reinickendorf Steglitz Zehlendorf Steglitz-Zehlendorf Tempelhof Schöneberg Tempelhof-Schöneberg
Treptow Köpenick Treptow-Köpenick Moabit Prenzlauer Altona Eimsbüttel Harburg Wandsbek Bergedorf
Billstedt Wilhelmsburg Ottensen Barmbek Hamburg-Mitte Hamburg-Nord Berlin-Mitte Bremen-Nord
Gröpelingen Vegesack
""".split()
BOROUGHS.remove("Prenzlauer")
BOROUGHS_MULTI = ["Prenzlauer Berg", "Hamburg-Altona", "Hamburg-Harburg", "Berlin-Neukölln",
                  "Berlin-Kreuzberg", "Berlin-Spandau", "Berlin-Marzahn", "Berlin-Lichtenberg"]

REGIONS = """
Franken Oberfranken Mittelfranken Unterfranken Oberpfalz Niederbayern Oberbayern Schwaben Allgäu
Südbayern Nordbayern Ostbayern Südostbayern Westmittelfranken Hochfranken Chiemgau Altmühltal
Steigerwald Frankenwald Fichtelgebirge Rhön Spessart Ruhrgebiet Rheinland Westfalen
Ostwestfalen-Lippe OWL Ostwestfalen Südwestfalen Münsterland Sauerland Siegerland Niederrhein
Eifel Hunsrück Pfalz Westpfalz Vorderpfalz Südpfalz Kurpfalz Rheinhessen Westerwald Taunus
Odenwald Wetterau Rheingau Vogelsberg Mittelhessen Nordhessen Südhessen Osthessen Rhein-Main
Rhein-Main-Gebiet Rhein-Neckar Hohenlohe Ostalb Oberschwaben Bodensee Schwarzwald Breisgau
Ortenau Kraichgau Oberrhein Ostfriesland Emsland Weser-Ems Altmark Lausitz Oberlausitz
Niederlausitz Spreewald Erzgebirge Vogtland Uckermark Vorpommern Mecklenburg Holstein
Nordfriesland Rügen Usedom Sylt Harz Eichsfeld Ostthüringen Südthüringen Nordthüringen
Mittelthüringen Westthüringen Ostsachsen Westsachsen Mitteldeutschland Ostdeutschland
Westdeutschland Norddeutschland Süddeutschland Südwestdeutschland Nordwestdeutschland
Nordrhein Wendland Kurhessen Lippe Ruhrregion Emscher-Lippe Bergisches
Europa Afrika Asien Amerika Nordamerika Südamerika Lateinamerika Mittelamerika Zentralamerika
Ozeanien Osteuropa Westeuropa Südeuropa Nordeuropa Südosteuropa Mitteleuropa Mittelosteuropa
Ostasien Südostasien Südasien Zentralasien Vorderasien Westasien Nordafrika Westafrika Ostafrika
Südafrika Zentralafrika Subsahara-Afrika Westbalkan Balkan Nahost Maghreb Kaukasus Skandinavien
Baltikum Levante Karibik Arktis Antarktis Mittelmeerraum Sahelzone Sahel Kurdistan Tibet
Kaschmir Westjordanland Gazastreifen Gaza Darfur Tigray Donbass Krim Anatolien Kurdistan-Region
Kerala Punjab Maharashtra Karnataka Lothringen Elsass Wallonien Flandern Südtirol Tirol Vorarlberg Bretagne
Katalonien Andalusien Sizilien Sardinien Kalabrien Apulien Siebenbürgen Banat Galizien Bessarabien Westbrandenburg
Nordwestbrandenburg Nordostbrandenburg Südbrandenburg Biedenkopf
""".split()
REGIONS.remove("Bergisches")
REGIONS_MULTI = [
    "Bergisches Land", "Bergischen Land", "Bergischen Landes", "Oldenburger Münsterland",
    "Lüneburger Heide", "Thüringer Wald", "Bayerischer Wald", "Bayerischen Wald",
    "Bayerischen Waldes", "Fränkische Schweiz", "Fränkischen Schweiz", "Sächsische Schweiz",
    "Sächsischen Schweiz", "Schwäbische Alb", "Schwäbischen Alb", "Metropolregion Nürnberg",
    "Metropolregion Rhein-Neckar", "Metropolregion München", "Metropolregion Hamburg",
    "Metropolregion Rhein-Ruhr", "Metropolregion Mitteldeutschland", "Metropolregion Stuttgart",
    "Metropolregion FrankfurtRheinMain", "Metropolregion Hannover Braunschweig Göttingen Wolfsburg",
    "Region Stuttgart", "Naher Osten", "Nahen Osten", "Nahen Ostens", "Mittlerer Osten", "Mittleren Osten",
    "Ferner Osten", "Fernen Osten", "Horn von Afrika", "Subsahara Afrika", "Afrika südlich der Sahara",
    "Westlicher Balkan", "Westlichen Balkan", "Westlichen Balkans",
]

# Foreign cities (origin and recruitment countries, European capitals).
FOREIGN_CITIES = """
Istanbul Ankara Izmir Antalya Bursa Adana Gaziantep Diyarbakır Diyarbakir Kiew Kyjiw Kyiv Charkiw
Charkow Odessa Odesa Lwiw Lemberg Dnipro Saporischschja Mariupol Moskau Warschau Krakau Breslau
Wrocław Wroclaw Posen Poznań Danzig Gdańsk Stettin Szczecin Kattowitz Lodz Łódź Prag Brünn Wien
Graz Linz Salzburg Innsbruck Klagenfurt Zürich Basel Bern Genf Lausanne Luzern Paris Lyon
Marseille Straßburg Strasbourg Brüssel Antwerpen Lüttich Amsterdam Rotterdam Utrecht Eindhoven
Maastricht London Manchester Birmingham Edinburgh Dublin Madrid Barcelona Valencia Sevilla
Lissabon Porto Rom Mailand Neapel Turin Florenz Venedig Bologna Palermo Athen Thessaloniki
Bukarest Cluj-Napoca Klausenburg Temeswar Timișoara Timisoara Iași Iasi Budapest Belgrad Novi Zagreb
Sarajevo Skopje Tirana Pristina Priština Podgorica Ljubljana Laibach Bratislava Chișinău Chisinau
Minsk Vilnius Wilna Riga Tallinn Helsinki Stockholm Oslo Kopenhagen Göteborg Malmö Reykjavík
Damaskus Aleppo Homs Idlib Latakia Rakka Raqqa Bagdad Mossul Erbil Kirkuk Basra Sulaimaniyya
Teheran Mashhad Isfahan Schiras Täbris Kabul Herat Kandahar Masar-i-Scharif Dschalalabad Beirut
Amman Kairo Alexandria Tunis Algier Oran Rabat Casablanca Marrakesch Tanger Tripolis Bengasi
Khartum Karthum Addis Abeba Asmara Mogadischu Nairobi Kampala Kigali Daressalam Lagos Abuja
Accra Dakar Bamako Conakry Freetown Monrovia Abidjan Yaoundé Jaunde Douala Kinshasa Luanda
Johannesburg Kapstadt Pretoria Durban Delhi Neu-Delhi Mumbai Bombay Bangalore Bengaluru Chennai
Madras Hyderabad Kalkutta Kolkata Pune Ahmedabad Kerala Karatschi Karachi Lahore Islamabad
Peschawar Dhaka Colombo Kathmandu Peking Beijing Schanghai Shanghai Kanton Guangzhou
Shenzhen Hongkong Tokio Tokyo Osaka Seoul Manila Jakarta Hanoi Ho-Chi-Minh-Stadt Saigon Bangkok
Kuala Lumpur Singapur Taipeh Mexiko-Stadt Guadalajara Monterrey Bogotá Bogota Medellín Medellin
Lima Quito Caracas Santiago São Paulo Rio Brasília Brasilia Buenos Aires Montevideo Havanna
Tiflis Tbilissi Eriwan Jerewan Baku Taschkent Samarkand Almaty Astana Bischkek Duschanbe
Aschgabat Ulan-Bator Jerusalem Tel Aviv Haifa Ramallah Riad Dschidda Doha Dubai Abu Dhabi
Maskat Sanaa Aden Kuwait-Stadt New York Washington Chicago Toronto Montreal Vancouver Ottawa
Sydney Melbourne Canberra Auckland
""".split()
for _w in ["Addis", "Abeba", "Kuala", "Lumpur", "São", "Paulo", "Buenos", "Aires", "Tel", "Aviv",
           "Abu", "Dhabi", "New", "York", "Novi", "Rio", "Santiago", "Kerala"]:
    while _w in FOREIGN_CITIES:
        FOREIGN_CITIES.remove(_w)
FOREIGN_MULTI = ["Metz", "Tamil Nadu", "Addis Abeba", "Kuala Lumpur", "São Paulo", "Sao Paulo", "Buenos Aires", "Tel Aviv",
                 "Abu Dhabi", "New York", "Novi Sad", "Rio de Janeiro", "Santiago de Chile",
                 "Sankt Petersburg", "St. Petersburg", "Den Haag", "Mexiko-Stadt", "Mexico City",
                 "Ho-Chi-Minh-Stadt", "Kuwait-Stadt", "Washington, D.C.", "Los Angeles",
                 "San Francisco", "Hong Kong"]

# Countries: (nominative, also-genitive?)  Genitive -s is generated for names where the
# country is neuter and the form is safe.  Feminine/plural names get explicit inflections.
COUNTRIES = """
Afghanistan Ägypten Albanien Algerien Andorra Angola Äquatorialguinea Argentinien Armenien
Aserbaidschan Äthiopien Australien Bahrain Bangladesch Barbados Belarus Weißrussland Belgien
Belize Benin Bhutan Bolivien Bosnien Herzegowina Bosnien-Herzegowina Botsuana Botswana Brasilien
Brunei Bulgarien Burundi Chile China Costa Dänemark Deutschland Dominica Dschibuti Ecuador
Elfenbeinküste Eritrea Estland Eswatini Swasiland Fidschi Finnland Frankreich Gabun Gambia Georgien Ghana
Grenada Griechenland Großbritannien England Schottland Wales Nordirland Guatemala Guinea Guinea-Bissau
Guyana Haiti Honduras Indien Indonesien Irak Iran Irland Island Israel Italien Jamaika Japan
Jemen Jordanien Kambodscha Kamerun Kanada Kasachstan Katar Kenia Kirgisistan Kirgistan Kiribati
Kolumbien Komoren Kongo Kosovo Kroatien Kuba Kuwait Laos Lesotho Lettland Libanon Liberia Libyen
Liechtenstein Litauen Luxemburg Madagaskar Malawi Malaysia Malediven Mali Malta Marokko
Mauretanien Mauritius Mexiko Mikronesien Moldau Moldawien Moldova Monaco Mongolei Montenegro
Mosambik Myanmar Birma Burma Namibia Nauru Nepal Neuseeland Nicaragua Niederlande Niger Nigeria
Nordkorea Nordmazedonien Mazedonien Norwegen Oman Österreich Osttimor Timor-Leste Pakistan Palau
Palästina Panama Papua-Neuguinea Paraguay Peru Philippinen Polen Portugal Ruanda Rumänien
Russland Salomonen Sambia Samoa Saudi-Arabien Schweden Schweiz Senegal Serbien Seychellen
Simbabwe Singapur Slowakei Slowenien Somalia Somaliland Spanien Südafrika Sudan Südsudan Südkorea Korea
Suriname Syrien Tadschikistan Taiwan Tansania Thailand Togo Tonga Tschad Tschechien Tunesien
Türkei Turkmenistan Tuvalu Uganda Ukraine Ungarn Uruguay Usbekistan Vanuatu Vatikanstadt
Venezuela Vietnam Zypern Grönland Hongkong Macau Tschetschenien Dagestan Abchasien Transnistrien
Bahamas USA Amerika Kosova Tibet
""".split()
COUNTRIES.remove("Costa")
COUNTRIES_MULTI = [
    "Costa Rica", "Côte d'Ivoire", "Côte d’Ivoire", "Dominikanische Republik", "Dominikanischen Republik",
    "El Salvador", "Kap Verde", "Cabo Verde", "Demokratische Republik Kongo", "Demokratischen Republik Kongo",
    "DR Kongo", "Republik Kongo", "Republik Moldau", "Russische Föderation", "Russischen Föderation",
    "San Marino", "São Tomé und Príncipe", "Sierra Leone", "Sri Lanka", "Trinidad und Tobago",
    "Antigua und Barbuda", "St. Kitts und Nevis", "St. Lucia", "Burkina Faso", "Tschechische Republik",
    "Tschechischen Republik", "Vereinigte Staaten", "Vereinigten Staaten", "Vereinigte Staaten von Amerika",
    "Vereinigten Staaten von Amerika", "Vereinigtes Königreich", "Vereinigten Königreich",
    "Vereinigten Königreichs", "Vereinigte Arabische Emirate", "Vereinigten Arabischen Emiraten",
    "Vereinigten Arabischen Emirate", "Zentralafrikanische Republik", "Zentralafrikanischen Republik",
    "Bosnien und Herzegowina", "Bosnien-Herzegowinas", "Papua-Neuguinea", "Puerto Rico",
    "Marshallinseln", "Niederlanden", "Philippinen", "Republik Korea", "Volksrepublik China",
    "Islamische Republik Iran", "Islamischen Republik Iran",
]
# countries that take no genitive -s (feminine, plural, ending in sibilant) or whose -s form is risky
NO_GENITIVE = set("""Bahamas Belarus Komoren Malediven Mongolei Niederlande Philippinen Salomonen Schweiz
Seychellen Slowakei Türkei Ukraine USA Honduras Mauritius Laos Moldau Tschetschenien Amerika
Bosnien-Herzegowina Elfenbeinküste Fidschi Tibet""".split())

# Ordinary German words, verbs, first names or frequent surnames that are also place
# names: never emitted bare (an unambiguous longer form above may still be emitted).
EXCLUDED = set("""Essen Hamm Marl Hof Halle Weiden Heide Singen Weil Bergen Regen Roth Burg Forst Lage
Leer Aue Waren Norden Langen Stein Wetter Senden Rain Kirchen Hausen Sofia Oder Main Ruhr Börde
Springe Wedel Haan Achim Kamen Lehrte Auerbach Eisenberg Blomberg Delbrück Steinhagen Brühl Bünde
Löhne Halle Brake Neu Novi Santiago Rio Kerala Wetter Gaza Amerika Lippe Kosova Burgenland""".split())
