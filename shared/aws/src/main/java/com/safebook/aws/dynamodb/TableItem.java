package com.safebook.aws.dynamodb;

/** What every item of SafeBook's tables has: its key, and when its retention ends (TTL), if it does. */
abstract class TableItem {
    String pk;
    String sk;
    Long expiresAt;
}
