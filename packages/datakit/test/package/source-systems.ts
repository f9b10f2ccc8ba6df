/**
 * Two source systems as a new user meets them: related tables with PascalCase and camelCase
 * names, composite keys, self references, a keyless table, enums, unsigned integers, and a column
 * that collides with the bronze audit mixin (`updated_at`). Rows are generated in SQL so the data
 * is the same on every run.
 */

/** PostgreSQL: a CRM/ERP of 13 tables in `public`. */
export const POSTGRES_SOURCE = [
  `create type "OrderStatus" as enum ('new', 'paid', 'shipped', 'cancelled')`,
  `create table "Customers" ("CustomerID" integer primary key, "FullName" varchar(120) not null,
    "Email" varchar(200) not null unique, "IsActive" boolean not null default true,
    "CreatedAt" timestamptz(3) not null, updated_at timestamp(3) not null, "Notes" text)`,
  `create table "Addresses" ("AddressID" integer primary key, "CustomerID" integer not null references "Customers",
    "Street" text not null, "City" varchar(80) not null, "PostalCode" char(5), "IsPrimary" boolean not null)`,
  `create table "Suppliers" ("SupplierID" integer primary key, "Name" text not null, "Country" char(2) not null)`,
  `create table "ProductCategories" ("CategoryID" integer primary key,
    "ParentID" integer references "ProductCategories", "Name" text not null)`,
  `create table "Products" ("ProductID" integer primary key, "CategoryID" integer not null references "ProductCategories",
    "SupplierID" integer references "Suppliers", "Sku" uuid not null, "Name" text not null,
    "UnitPrice" numeric(12,2) not null, "WeightKg" double precision, "Attributes" jsonb)`,
  `create table "Employees" ("EmployeeID" integer primary key, "ManagerID" integer references "Employees",
    "FirstName" text not null, "HiredOn" date not null)`,
  `create table "Orders" ("OrderID" bigint primary key, "CustomerID" integer not null references "Customers",
    "EmployeeID" integer references "Employees", "Status" "OrderStatus" not null,
    "OrderedAt" timestamptz(3) not null, "Total" numeric(14,2) not null)`,
  `create table "OrderLines" ("OrderID" bigint not null references "Orders", "LineNo" smallint not null,
    "ProductID" integer not null references "Products", "Quantity" integer not null,
    "UnitPrice" numeric(12,2) not null, primary key ("OrderID", "LineNo"))`,
  `create table "Payments" ("PaymentID" integer primary key, "OrderID" bigint not null references "Orders",
    "Amount" numeric(14,2) not null, "PaidAt" timestamp(3) not null, "Method" varchar(20) not null)`,
  `create table "Shipments" ("ShipmentID" integer primary key, "OrderID" bigint not null references "Orders",
    "AddressID" integer not null references "Addresses", "ShippedOn" date, "TrackingCode" varchar(40))`,
  `create table "Inventory" ("ProductID" integer not null references "Products", "Warehouse" varchar(10) not null,
    "OnHand" integer not null, primary key ("ProductID", "Warehouse"))`,
  `create table customer_notes (note_id serial primary key, "customerId" integer not null references "Customers",
    body text not null)`,
  `create table "AuditLog" ("At" timestamptz(3) not null, "Message" text not null)`,

  `insert into "Customers" select i, 'Customer ' || i, 'c' || i || '@example.com', i % 7 <> 0,
    timestamptz '2024-01-01 00:00:00.123+00' + i * interval '1 hour 1.5 seconds',
    timestamp '2024-02-01 08:00:00.5' + i * interval '37 minutes', case when i % 3 = 0 then null else 'note ''' || i || '''' end
    from generate_series(1, 300) i`,
  `insert into "Addresses" select i, 1 + i % 300, i || ' Main St', 'City ' || (i % 17), lpad((i * 7 % 100000)::text, 5, '0'), i % 2 = 0
    from generate_series(1, 400) i`,
  `insert into "Suppliers" select i, 'Supplier ' || i, case when i % 2 = 0 then 'DE' else 'FR' end from generate_series(1, 20) i`,
  `insert into "ProductCategories" select i, case when i > 5 then 1 + i % 5 end, 'Category ' || i from generate_series(1, 25) i`,
  `insert into "Products" select i, 1 + i % 25, case when i % 4 <> 0 then 1 + i % 20 end,
    ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'Product "' || i || '"',
    round((i * 1.37)::numeric, 2), case when i % 5 <> 0 then i / 8.0 end,
    case when i % 3 = 0 then jsonb_build_object('color', 'red', 'size', i) end
    from generate_series(1, 200) i`,
  `insert into "Employees" select i, case when i > 1 then 1 + i % 3 end, 'Emp' || i, date '2020-01-01' + i * 11
    from generate_series(1, 30) i`,
  `insert into "Orders" select i, 1 + i % 300, case when i % 5 <> 0 then 1 + i % 30 end,
    (array['new', 'paid', 'shipped', 'cancelled'])[1 + i % 4]::"OrderStatus",
    timestamptz '2024-03-01 10:00:00+00' + i * interval '13 minutes 0.25 seconds', round((i * 3.21)::numeric, 2)
    from generate_series(1, 500) i`,
  `insert into "OrderLines" select o, l, 1 + (o * l) % 200, 1 + (o + l) % 9, round(((o + l) * 0.99)::numeric, 2)
    from generate_series(1, 500) o, generate_series(1, 3) l`,
  `insert into "Payments" select i, 1 + i % 500, round((i * 2.5)::numeric, 2),
    timestamp '2024-03-02 00:00:00' + i * interval '7 minutes 0.001 seconds', case when i % 2 = 0 then 'card' else 'invoice' end
    from generate_series(1, 450) i`,
  `insert into "Shipments" select i, 1 + i % 500, 1 + i % 400, case when i % 6 <> 0 then date '2024-03-05' + i % 60 end,
    case when i % 4 <> 0 then 'TRK-' || i end from generate_series(1, 350) i`,
  `insert into "Inventory" select p, w, (p * 13 + length(w)) % 500 from generate_series(1, 200) p, unnest(array['north', 'south']) w`,
  `insert into customer_notes ("customerId", body) select 1 + i % 300, 'body ' || i from generate_series(1, 120) i`,
  `insert into "AuditLog" select timestamptz '2024-04-01 00:00:00+00' + i * interval '1 second', 'event ' || i
    from generate_series(1, 80) i`,
];

/** MariaDB: an order system of 12 tables. */
export const MARIADB_SOURCE = [
  `create table Customers (CustomerId int primary key, Name varchar(100) not null,
    Tier enum('gold', 'silver', 'bronze') not null, Active tinyint(1) not null, SignedUp date not null,
    updated_at datetime(3) not null)`,
  `create table Categories (CategoryId int primary key, ParentId int null, Title varchar(60) not null,
    foreign key (ParentId) references Categories (CategoryId))`,
  `create table Products (ProductId int primary key, CategoryId int not null, Sku char(12) not null,
    Price decimal(10,2) not null, Weight double null, foreign key (CategoryId) references Categories (CategoryId))`,
  `create table Warehouses (WarehouseId smallint primary key, Code char(3) not null, City varchar(60))`,
  `create table Stock (ProductId int not null, WarehouseId smallint not null, Qty int unsigned not null,
    primary key (ProductId, WarehouseId), foreign key (ProductId) references Products (ProductId),
    foreign key (WarehouseId) references Warehouses (WarehouseId))`,
  `create table Orders (OrderId bigint primary key, CustomerId int not null, PlacedAt datetime(3) not null,
    Status enum('new', 'paid', 'shipped') not null, Total decimal(12,2) not null,
    foreign key (CustomerId) references Customers (CustomerId))`,
  `create table OrderItems (OrderId bigint not null, ItemNo smallint not null, ProductId int not null,
    Qty int not null, Price decimal(10,2) not null, primary key (OrderId, ItemNo),
    foreign key (OrderId) references Orders (OrderId), foreign key (ProductId) references Products (ProductId))`,
  `create table Invoices (InvoiceId int primary key, OrderId bigint not null, IssuedOn date not null,
    Amount decimal(12,2) not null, Notes text null, foreign key (OrderId) references Orders (OrderId))`,
  `create table \`Returns\` (ReturnId int primary key, OrderId bigint not null, Reason varchar(200),
    ReturnedAt datetime(3), foreign key (OrderId) references Orders (OrderId))`,
  'create table Couriers (CourierId int primary key, Name varchar(80) not null)',
  `create table Shipments (ShipmentId int primary key, OrderId bigint not null, CourierId int not null,
    ShippedAt datetime(3) null, foreign key (OrderId) references Orders (OrderId),
    foreign key (CourierId) references Couriers (CourierId))`,
  `create table event_log (id bigint unsigned auto_increment primary key, Kind varchar(20) not null, Payload text)`,

  `insert into Customers select seq, concat('Customer ', seq), elt(1 + seq % 3, 'gold', 'silver', 'bronze'), seq % 5 <> 0,
    date '2023-01-01' + interval seq day, timestamp '2024-01-01 00:00:00.125' + interval (seq * 61) second
    from seq_1_to_250`,
  "insert into Categories select seq, case when seq > 4 then 1 + seq % 4 end, concat('Cat ', seq) from seq_1_to_20",
  `insert into Products select seq, 1 + seq % 20, concat('SKU-', lpad(seq, 8, '0')), round(seq * 1.75, 2),
    case when seq % 3 <> 0 then seq / 4 end from seq_1_to_150`,
  `insert into Warehouses select seq, concat('W', lpad(seq, 2, '0')), case when seq % 2 = 0 then concat('City ', seq) end
    from seq_1_to_6`,
  'insert into Stock select p.seq, w.seq, (p.seq * 7 + w.seq) % 300 from seq_1_to_150 p, seq_1_to_6 w',
  `insert into Orders select seq, 1 + seq % 250, timestamp '2024-05-01 09:00:00.5' + interval (seq * 97) second,
    elt(1 + seq % 3, 'new', 'paid', 'shipped'), round(seq * 4.1, 2) from seq_1_to_400`,
  `insert into OrderItems select o.seq, i.seq, 1 + (o.seq * i.seq) % 150, 1 + (o.seq + i.seq) % 7, round((o.seq % 50) * 1.1, 2)
    from seq_1_to_400 o, seq_1_to_2 i`,
  `insert into Invoices select seq, 1 + seq % 400, date '2024-05-02' + interval (seq % 90) day, round(seq * 4.1, 2),
    case when seq % 4 = 0 then concat('paid late "', seq, '"') end from seq_1_to_300`,
  `insert into \`Returns\` select seq, 1 + seq * 7 % 400, concat('reason ', seq),
    case when seq % 2 = 0 then timestamp '2024-06-01 12:00:00.75' + interval seq hour end from seq_1_to_40`,
  "insert into Couriers select seq, concat('Courier ', seq) from seq_1_to_5",
  `insert into Shipments select seq, 1 + seq % 400, 1 + seq % 5,
    case when seq % 3 <> 0 then timestamp '2024-05-03 08:00:00' + interval (seq * 3) minute end from seq_1_to_300`,
  `insert into event_log (Kind, Payload) select concat('kind', seq % 4), case when seq % 2 = 0 then concat('{"n":', seq, '}') end
    from seq_1_to_100`,
];
