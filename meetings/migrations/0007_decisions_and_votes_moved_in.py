"""Decisions and votes move here from the decisions app: a decision is taken in a meeting.

The tables were renamed by decisions 0005; this only tells Django the models are here now.
"""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models

from core.migrations_moves import move_content_types


class Migration(migrations.Migration):

    dependencies = [
        ('bodies', '0007_text_limits'),
        ('meetings', '0006_attendance_outside_substitute'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('decisions', '0005_tables_renamed'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Decision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('domain', models.CharField(choices=[('finance', 'Financiën'), ('staff', 'Personeel'), ('content', 'Inhoud en procedures'), ('working_groups', 'Werkgroepen en opdrachten'), ('communication', 'Communicatie'), ('policy', 'Beleid')], max_length=20, verbose_name='domein')),
                        ('text', models.TextField(max_length=5000, verbose_name='besluit')),
                        ('amount_eur', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='bedrag (EUR)')),
                        ('status', models.CharField(choices=[('open', 'In stemming'), ('adopted', 'Aangenomen'), ('rejected', 'Verworpen'), ('out_of_mandate', 'Buiten mandaat')], default='open', max_length=16, verbose_name='status')),
                        ('refusal', models.CharField(blank=True, choices=[('no_mandate', 'Geen beslissingsmandaat voor dit domein'), ('over_limit', 'Bedrag boven de limiet'), ('no_limit', 'Mandaat zonder limiet voor bedragen')], max_length=12, verbose_name='reden van weigering')),
                        ('voting_members', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='stemgerechtigde leden')),
                        ('voting_members_present', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='stemgerechtigden aanwezig')),
                        ('votes_for', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='stemmen voor')),
                        ('votes_against', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='stemmen tegen')),
                        ('abstentions', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='onthoudingen')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='voorgesteld op')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='afgesloten op')),
                        ('agenda_item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='decisions', to='meetings.agendaitem', verbose_name='agendapunt')),
                        ('escalated_to', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='escalated_decision', to='meetings.agendaitem', verbose_name='voorgelegd op agendapunt')),
                        ('mandate', models.ForeignKey(blank=True, help_text='Het mandaat waarop het besluit steunt, of dat te krap was.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='bodies.mandate', verbose_name='mandaat')),
                        ('mandate_holder', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='bodies.body', verbose_name='orgaan met het mandaat')),
                        ('mandate_record', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='bodies.historicalmandate', verbose_name='versie van het mandaat')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='meetings.meeting', verbose_name='vergadering')),
                        ('proposed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='voorgesteld door')),
                    ],
                    options={
                        'verbose_name': 'besluit',
                        'verbose_name_plural': 'besluiten',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalDecision',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('domain', models.CharField(choices=[('finance', 'Financiën'), ('staff', 'Personeel'), ('content', 'Inhoud en procedures'), ('working_groups', 'Werkgroepen en opdrachten'), ('communication', 'Communicatie'), ('policy', 'Beleid')], max_length=20, verbose_name='domein')),
                        ('text', models.TextField(max_length=5000, verbose_name='besluit')),
                        ('amount_eur', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='bedrag (EUR)')),
                        ('status', models.CharField(choices=[('open', 'In stemming'), ('adopted', 'Aangenomen'), ('rejected', 'Verworpen'), ('out_of_mandate', 'Buiten mandaat')], default='open', max_length=16, verbose_name='status')),
                        ('refusal', models.CharField(blank=True, choices=[('no_mandate', 'Geen beslissingsmandaat voor dit domein'), ('over_limit', 'Bedrag boven de limiet'), ('no_limit', 'Mandaat zonder limiet voor bedragen')], max_length=12, verbose_name='reden van weigering')),
                        ('voting_members', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='stemgerechtigde leden')),
                        ('voting_members_present', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='stemgerechtigden aanwezig')),
                        ('votes_for', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='stemmen voor')),
                        ('votes_against', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='stemmen tegen')),
                        ('abstentions', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='onthoudingen')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='voorgesteld op')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='afgesloten op')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('agenda_item', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.agendaitem', verbose_name='agendapunt')),
                        ('escalated_to', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.agendaitem', verbose_name='voorgelegd op agendapunt')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('mandate', models.ForeignKey(blank=True, db_constraint=False, help_text='Het mandaat waarop het besluit steunt, of dat te krap was.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.mandate', verbose_name='mandaat')),
                        ('mandate_holder', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.body', verbose_name='orgaan met het mandaat')),
                        ('mandate_record', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.historicalmandate', verbose_name='versie van het mandaat')),
                        ('meeting', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.meeting', verbose_name='vergadering')),
                        ('proposed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='voorgesteld door')),
                    ],
                    options={
                        'verbose_name': 'historical besluit',
                        'verbose_name_plural': 'historical besluiten',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalVote',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('choice', models.CharField(choices=[('for', 'Voor'), ('against', 'Tegen'), ('abstain', 'Onthouding')], max_length=8, verbose_name='stem')),
                        ('cast_at', models.DateTimeField(blank=True, editable=False, verbose_name='uitgebracht op')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('decision', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.decision', verbose_name='besluit')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('person', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.person', verbose_name='persoon')),
                    ],
                    options={
                        'verbose_name': 'historical stem',
                        'verbose_name_plural': 'historical stemmen',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Vote',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('choice', models.CharField(choices=[('for', 'Voor'), ('against', 'Tegen'), ('abstain', 'Onthouding')], max_length=8, verbose_name='stem')),
                        ('cast_at', models.DateTimeField(auto_now_add=True, verbose_name='uitgebracht op')),
                        ('decision', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='votes', to='meetings.decision', verbose_name='besluit')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='votes', to='bodies.person', verbose_name='persoon')),
                    ],
                    options={
                        'verbose_name': 'stem',
                        'verbose_name_plural': 'stemmen',
                        'ordering': ['cast_at', 'pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='decision',
                    constraint=models.CheckConstraint(condition=models.Q(('amount_eur__isnull', True), ('amount_eur__gte', 0), _connector='OR'), name='decision_amount_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='decision',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('refusal__gt', ''), ('status', 'out_of_mandate')), models.Q(models.Q(('status', 'out_of_mandate'), _negated=True), ('refusal', '')), _connector='OR'), name='decision_refusal_iff_out_of_mandate'),
                ),
                migrations.AddConstraint(
                    model_name='decision',
                    constraint=models.CheckConstraint(condition=models.Q(('status', 'out_of_mandate'), ('mandate__isnull', False), _connector='OR'), name='decision_within_mandate_has_mandate'),
                ),
                migrations.AddConstraint(
                    model_name='decision',
                    constraint=models.CheckConstraint(condition=models.Q(('escalated_to__isnull', True), ('status', 'out_of_mandate'), _connector='OR'), name='decision_escalated_only_out_of_mandate'),
                ),
                migrations.AddConstraint(
                    model_name='vote',
                    constraint=models.UniqueConstraint(fields=('decision', 'person'), name='vote_once_per_person'),
                ),
            ],
        ),
        move_content_types("decisions", "meetings", ["decision", "vote", "historicaldecision", "historicalvote"]),
    ]
