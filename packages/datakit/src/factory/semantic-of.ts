/** What a column's name says its values are. @internal */
export type Semantic =
  | 'firstName'
  | 'lastName'
  | 'middleName'
  | 'fullName'
  | 'email'
  | 'username'
  | 'phone'
  | 'street'
  | 'secondaryAddress'
  | 'city'
  | 'state'
  | 'zip'
  | 'country'
  | 'countryCode'
  | 'latitude'
  | 'longitude'
  | 'company'
  | 'productName'
  | 'department'
  | 'jobTitle'
  | 'title'
  | 'description'
  | 'url'
  | 'ip'
  | 'currency'
  | 'code'
  | 'color'
  | 'gender'
  | 'secret'
  | 'status'
  | 'language'
  | 'iban'
  | 'tags'
  | 'price'
  | 'amount'
  | 'salary'
  | 'quantity'
  | 'age'
  | 'rating'
  | 'percent'
  | 'year'
  | 'measure'
  | 'active'
  | 'flagged'
  | 'birthDate'
  | 'createdAt'
  | 'updatedAt'
  | 'futureDate'
  | 'none';

type Rule = readonly [RegExp, Semantic];

/** Ordered: the first match wins, so specific names come before general ones. */
const COLUMN_RULES: readonly Rule[] = [
  [/(^|_)(first|given|fore)_?name$|^fname$/, 'firstName'],
  [/(^|_)(last|family|sur)_?name$|^lname$|surname/, 'lastName'],
  [/(^|_)middle_?name$/, 'middleName'],
  [/(^|_)full_?name$|(^|_)(contact|person|customer|employee|user|display)_name$/, 'fullName'],
  [/(^|_)e?_?mail(_address)?$|email/, 'email'],
  [/user_?name|(^|_)login$|(^|_)handle$|nick_?name/, 'username'],
  [/phone|mobile|(^|_)tel$|(^|_)fax$|(^|_)cell$/, 'phone'],
  [/address_?(line_?)?2$|(^|_)(apt|suite|unit)$/, 'secondaryAddress'],
  [/street|(^|_)address(_line_?1?)?$|(^|_)addr(ess)?_?1?$/, 'street'],
  [/(^|_)(city|town|municipality)(_name)?$/, 'city'],
  [/(^|_)(state|province|region|county)(_name)?$/, 'state'],
  [/(^|_)(zip|zip_?code|postal(_?code)?|post_?code|plz)$/, 'zip'],
  [/country_?(code|iso)|(^|_)iso_?(2|code)?$/, 'countryCode'],
  [/(^|_)country(_name)?$/, 'country'],
  [/(^|_)lat(itude)?$/, 'latitude'],
  [/(^|_)(lng|lon|long|longitude)$/, 'longitude'],
  [/job_?title|(^|_)(position|occupation|role)$/, 'jobTitle'],
  [
    /(company|supplier|vendor|manufacturer|brand|employer|organi[sz]ation|merchant|carrier)(_name)?$/,
    'company',
  ],
  [/(product|item|article)_?(name|title)$/, 'productName'],
  [/(^|_)(category|department|segment|division)(_name)?$/, 'department'],
  [
    /(^|_)(description|desc|notes?|comments?|remarks?|body|bio|summary|message|content|text|details?)$/,
    'description',
  ],
  [/(^|_)title$/, 'title'],
  [/(url|website|homepage|link|uri)$/, 'url'],
  [/(^|_)ip(_?address)?$/, 'ip'],
  [/currency/, 'currency'],
  [/(^|_)(sku|code|ref|reference|number|no|nr|barcode|ean)$/, 'code'],
  [/colou?r/, 'color'],
  [/(^|_)(gender|sex)$/, 'gender'],
  [/password|(^|_)(hash|secret|token|salt|api_?key)$/, 'secret'],
  [/(^|_)(status|state_code)$/, 'status'],
  [/(^|_)(language|locale|lang)(_code)?$/, 'language'],
  [/iban/, 'iban'],
  [/(^|_)(tags|labels|keywords)$/, 'tags'],
  [/salary|wage|income|compensation/, 'salary'],
  [/price|(^|_)cost|(^|_)fee/, 'price'],
  [
    /amount|total|subtotal|balance|revenue|(^|_)tax|discount|(^|_)value$|(^|_)sum$|spend|paid|credit|debit/,
    'amount',
  ],
  [/(^|_)(qty|quantity|count|units|stock|inventory|seats|items)$|_count$|^num_/, 'quantity'],
  [/(^|_)age$/, 'age'],
  [/(^|_)(rating|score|stars|priority|level)$/, 'rating'],
  [/percent|pct|ratio|(^|_)rate$/, 'percent'],
  [/(^|_)year$/, 'year'],
  [/(^|_)(weight|height|width|length|depth|size|volume|distance)(_\w+)?$/, 'measure'],
  [/(^|_)(birth|dob|born|birthday)|birth_?date/, 'birthDate'],
  [
    /(^|_)(created|inserted|registered|signup|signed_up|joined|opened|hired|started|ordered|placed)(_|$)/,
    'createdAt',
  ],
  [/(^|_)(updated|modified|changed|edited|last_seen)(_|$)/, 'updatedAt'],
  [
    /(^|_)(due|expires?|expiry|expiration|valid_(to|until)|deadline|scheduled|renewal|next)(_|$)/,
    'futureDate',
  ],
  [/(^|_)(deleted|archived|blocked|disabled|banned|cancel+ed|suspended|deprecated|is_test)(_|$)/, 'flagged'],
  [
    /(^|_)(active|enabled|verified|visible|published|available|valid|confirmed|subscribed|in_stock)(_|$)/,
    'active',
  ],
];

const NAME_BY_TABLE: readonly Rule[] = [
  [/product|item|article|sku|catalog/, 'productName'],
  [
    /company|supplier|vendor|organi[sz]ation|org$|partner|tenant|merchant|brand|manufacturer|carrier|bank/,
    'company',
  ],
  [
    /customer|person|people|user|employee|contact|member|author|student|patient|staff|client|owner|driver|agent/,
    'fullName',
  ],
  [/city|town/, 'city'],
  [/country/, 'country'],
  [/category|department|segment|group|division/, 'department'],
];

/** Lower-case snake_case tokens of a camelCase or snake_case name. */
function normalize(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/**
 * Guesses what a column holds from its name (and, for a bare `name`, from its table's name).
 *
 * @internal
 * @example
 * ```ts
 * semanticOf('customer_email', 'customer'); // 'email'
 * semanticOf('name', 'product'); // 'productName'
 * semanticOf('unitPrice', 'order_line'); // 'price'
 * ```
 */
export function semanticOf(columnName: string, tableName: string): Semantic {
  const name = normalize(columnName);
  if (name === 'name' || name === 'display_name' || name === `${normalize(tableName)}_name`) {
    const table = normalize(tableName);
    for (const [pattern, semantic] of NAME_BY_TABLE) if (pattern.test(table)) return semantic;
    return 'title';
  }
  for (const [pattern, semantic] of COLUMN_RULES) if (pattern.test(name)) return semantic;
  return 'none';
}
