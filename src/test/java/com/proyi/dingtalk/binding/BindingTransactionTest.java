package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.proyi.dingtalk.support.ModuleIntegrationTest;
import com.proyi.dingtalk.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The HR record's statements live in routes, yet binding still locks, writes and rolls back as one
 * transaction: the routes run on the caller's thread and camel-sql's JdbcTemplate joins Spring's
 * transaction, so two binds of one account queue up on the HR row.
 */
class BindingTransactionTest extends ModuleIntegrationTest {

    @Autowired HrDingTalkIds hrIds;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void theRoutesLockHoldsUntilTheTransactionEnds() throws Exception {
        employee("default", "tx-lock", null);
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        transaction.executeWithoutResult(status -> {
            assertThat(hrIds.lock("default", "tx-lock")).contains("");
            // another bind of the account, on another connection, has to wait for this transaction
            assertThatThrownBy(() -> lockFromAnotherConnection("tx-lock"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Lock wait timeout");
        });

        assertThat(lockFromAnotherConnection("tx-lock")).isTrue();
    }

    @Test
    void aWriteThroughTheRouteRollsBackWithTheTransaction() {
        employee("default", "tx-rollback", null);
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        transaction.executeWithoutResult(status -> {
            hrIds.write("default", "tx-rollback", "u_rolled_back");
            assertThat(hrIds.accountsWith("default", "u_rolled_back")).containsExactly("tx-rollback");
            status.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("SELECT dingtalk_userid FROM proyi_hr_record WHERE account = 'tx-rollback'",
                String.class)).isNull();
    }

    /** SELECT ... FOR UPDATE of the HR row on a connection of its own, waiting at most one second. */
    private static boolean lockFromAnotherConnection(String account) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/" + TestDatabase.NAME,
                "root", ""); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET SESSION innodb_lock_wait_timeout = 1");
            boolean found = statement.executeQuery("SELECT dingtalk_userid FROM proyi_hr_record WHERE tenant_id = 'default'"
                    + " AND account = '" + account + "' FOR UPDATE").next();
            connection.rollback();
            return found;
        }
    }
}
